//! Score a labelled corpus directory (default: this crate's `corpus/`) and print recall and
//! benign-clean rate per format, then every miss.
//!
//! ```sh
//! cargo run -p idgate_privilege --example eval_corpus -- path/to/corpus
//! ```
#![allow(clippy::print_stdout)]

#[path = "../tests/support/loader.rs"]
mod loader;

use idgate_privilege::eval::{evaluate, render};
use std::path::PathBuf;

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let cases = loader::load(&root);
    let (scores, misses) = evaluate(&cases);
    print!("{}", render(&scores));
    for m in &misses {
        println!("miss: {m:?}");
    }
}

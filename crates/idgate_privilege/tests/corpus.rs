//! The labelled corpus under `corpus/`: recall and benign-clean rate per format.
#![allow(clippy::print_stdout)]

#[path = "support/loader.rs"]
mod loader;

use idgate_privilege::eval::{evaluate, render};
use loader::load;
use std::path::Path;

#[test]
fn corpus_meets_recall_and_benign_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let cases = load(&root);
    assert!(cases.len() >= 120, "{} cases", cases.len());
    assert!(cases.iter().filter(|c| c.expected.is_empty()).count() >= 40);
    let (scores, misses) = evaluate(&cases);
    println!("{}", render(&scores));
    for m in &misses {
        println!("miss: {m:?}");
    }
    for s in &scores {
        assert!(s.recall() >= 0.9, "{}: recall {:.3}", s.group, s.recall());
        assert!(
            s.benign_clean_rate() >= 0.95,
            "{}: benign clean {:.3}",
            s.group,
            s.benign_clean_rate()
        );
    }
}

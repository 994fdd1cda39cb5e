//! The `idgate` binary: flags, glue and exit codes. All logic lives in the library crates.
//!
//! Exit codes (a contract, see DESIGN.md): `0` the verdict is allow; `1` the verdict is review or
//! block, or a finding is at or above `--fail-on`; `2` a usage, input or internal error, with one
//! message on stderr and nothing written that could be mistaken for a clean result.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("idgate: error: {}", one_line(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, leaving out causes the message already quotes.
pub(crate) fn one_line(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() || out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

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
            eprintln!("idgate: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

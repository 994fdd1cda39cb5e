//! `idgate completions SHELL` and `idgate man`: generated from the clap definitions, so they
//! never drift from the command line.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Cli;

pub(crate) fn completions(shell: clap_complete::Shell) -> Result<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "idgate", &mut out);
    crate::output::write_stdout(&out)?;
    Ok(0)
}

pub(crate) fn man(dir: Option<&Path>) -> Result<u8> {
    let cmd = Cli::command();
    match dir {
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .context("cannot render the manual page")?;
            crate::output::write_stdout(&out)?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(cmd, dir)
                .with_context(|| format!("cannot write manual pages to {}", dir.display()))?;
            eprintln!("wrote the manual pages to {}", dir.display());
        }
    }
    Ok(0)
}

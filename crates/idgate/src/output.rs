//! Writing reports: standard output or a file, colour decisions, exit codes.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};
use idgate_core::{Decision, Finding, Level};

use crate::cli::{FailOn, FormatArg, OutputArgs};

pub(crate) fn format(f: FormatArg) -> idgate_report::Format {
    match f {
        FormatArg::Text => idgate_report::Format::Text,
        FormatArg::Json => idgate_report::Format::Json,
        FormatArg::Sarif => idgate_report::Format::Sarif,
        FormatArg::Markdown => idgate_report::Format::Markdown,
        FormatArg::Junit => idgate_report::Format::Junit,
        FormatArg::Codeclimate => idgate_report::Format::Codeclimate,
        FormatArg::Html => idgate_report::Format::Html,
    }
}

/// Whether to colour text on standard output.
pub(crate) fn use_color(no_color: bool, to_file: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && !no_color_env && !to_file && std::io::stdout().is_terminal()
}

/// Write `text` to `path` whole or not at all: a temporary file beside it, then a rename.
fn write_file(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Emit a rendered report as the flags say.
pub(crate) fn emit(out: &OutputArgs, text: &str) -> Result<()> {
    if let Some(path) = &out.output {
        return write_file(path, text);
    }
    if out.quiet {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Write bytes to standard output; a closed pipe (`| head`) is the reader's choice, not an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// The exit code for a verdict and findings.
pub(crate) fn exit_code(decision: Decision, findings: &[Finding], fail_on: Option<FailOn>) -> u8 {
    let threshold = fail_on.map(|f| match f {
        FailOn::Note => Level::Note,
        FailOn::Warning => Level::Warning,
        FailOn::Error => Level::Error,
    });
    let over = threshold.is_some_and(|t| findings.iter().any(|f| f.level >= t));
    u8::from(decision != Decision::Allow || over)
}

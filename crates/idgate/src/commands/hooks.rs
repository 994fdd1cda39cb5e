//! `idgate init --hooks`: a plain git pre-commit hook that runs `idgate check --staged`.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use idgate_git::{Limits, Repo};

use crate::cli::InitArgs;

/// The line that marks a hook as idgate's own (it may then be replaced without `--force`).
const MARKER: &str = "# idgate pre-commit hook";

/// The hook. It fails closed: without idgate on PATH the commit stops, with a message.
const HOOK: &str = r#"#!/bin/sh
# idgate pre-commit hook (installed by `idgate init --hooks`; `idgate init --hooks` updates it).
# Judges the staged change against HEAD; any verdict but allow stops the commit.
# Skip it once with `git commit --no-verify`.
if ! command -v idgate >/dev/null 2>&1; then
    echo "idgate pre-commit hook: idgate is not on PATH; install it (cargo install --path crates/idgate) or commit with --no-verify" >&2
    exit 1
fi
exec idgate check --staged
"#;

pub(crate) fn install(args: &InitArgs) -> Result<u8> {
    let repo = Repo::open(&args.repo, Limits::default())?;
    let dir = repo.hooks_dir()?;
    let hook = dir.join("pre-commit");
    if let Ok(existing) = std::fs::read(&hook) {
        let ours = String::from_utf8_lossy(&existing).contains(MARKER);
        if !ours && !args.force {
            bail!(
                "{} exists and was not written by idgate; pass --force to replace it (it is kept as pre-commit.before-idgate)",
                hook.display()
            );
        }
        if !ours {
            let backup = dir.join("pre-commit.before-idgate");
            std::fs::write(&backup, &existing)
                .with_context(|| format!("cannot save the old hook as {}", backup.display()))?;
            copy_mode(&hook, &backup)?;
            println!("saved the old hook as {}", backup.display());
        }
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_executable(&dir, &hook)?;
    println!(
        "wrote {}: `git commit` now runs `idgate check --staged`",
        hook.display()
    );
    Ok(0)
}

/// Write the hook whole (a temporary file renamed into place), executable.
fn write_executable(dir: &Path, hook: &Path) -> Result<()> {
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write {}", hook.display()))?;
    tmp.write_all(HOOK.as_bytes())
        .with_context(|| format!("cannot write {}", hook.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot make {} executable", hook.display()))?;
    }
    tmp.persist(hook)
        .with_context(|| format!("cannot write {}", hook.display()))?;
    Ok(())
}

fn copy_mode(from: &Path, to: &Path) -> Result<()> {
    let perms = std::fs::metadata(from)
        .with_context(|| format!("cannot read {}", from.display()))?
        .permissions();
    std::fs::set_permissions(to, perms).with_context(|| format!("cannot write {}", to.display()))
}

//! Test helpers: real git repositories in temporary directories, built with the `git` binary.

#![allow(dead_code, unreachable_pub, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;

pub struct Git {
    pub dir: tempfile::TempDir,
    tick: u64,
}

impl Git {
    pub fn new() -> Git {
        let dir = tempfile::tempdir().unwrap();
        let g = Git { dir, tick: 0 };
        g.run(&["init", "-q", "-b", "main"]);
        g.run(&["config", "user.name", "Ann Example"]);
        g.run(&["config", "user.email", "ann@example.com"]);
        g.run(&["config", "commit.gpgsign", "false"]);
        g.run(&["config", "core.autocrlf", "false"]);
        g
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    /// Commit everything with a fixed clock, so ids are stable across runs.
    pub fn commit(&mut self, message: &str) -> String {
        self.tick += 1;
        let date = format!("{} +0000", 1_764_000_000 + self.tick * 3600);
        self.run(&["add", "-A"]);
        let out = Command::new("git")
            .args(["commit", "-q", "--allow-empty", "-m", message])
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.run(&["rev-parse", "HEAD"]).trim().to_string()
    }
}

pub fn idgate() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("idgate");
    cmd.env_remove("NO_COLOR");
    // A CI runner's repository variables would name the ledger's repository.
    for var in ["GITHUB_REPOSITORY", "CI_PROJECT_PATH", "IDGATE_REPOSITORY"] {
        cmd.env_remove(var);
    }
    cmd
}

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

pub const VERIFIED: &str = "import jwt\n\n\ndef authenticate(token, key):\n    return jwt.decode(token, key, algorithms=[\"RS256\"])\n";
pub const UNVERIFIED: &str = "import jwt\n\n\ndef authenticate(token, key):\n    return jwt.decode(token, options={\"verify_signature\": False})\n";
pub const AGENT_TRAILER: &str = "\n\nCo-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>\n";

/// A fresh ed25519 key pair from `ssh-keygen` in `dir`: (private key path, public key line).
pub fn keygen(dir: &Path, name: &str) -> (String, String) {
    let key = dir.join(name);
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .output()
        .expect("ssh-keygen runs (Debian: openssh-client)");
    assert!(out.status.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    (key.display().to_string(), public.trim().to_string())
}

/// Every output format of `idgate check --base B --head H` on `repo` (which must exit 1), as
/// (format, stdout + stderr): for tests that nothing leaks in any of them.
pub fn check_in_every_format(repo: &Path, base: &str, head: &str) -> Vec<(&'static str, String)> {
    ["text", "json", "sarif", "markdown", "junit", "html"]
        .into_iter()
        .map(|format| {
            let out = idgate()
                .args([
                    "check",
                    "--no-color",
                    "--format",
                    format,
                    "--base",
                    base,
                    "--head",
                    head,
                ])
                .arg("--repo")
                .arg(repo)
                .assert()
                .code(1)
                .get_output()
                .clone();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (format, all)
        })
        .collect()
}

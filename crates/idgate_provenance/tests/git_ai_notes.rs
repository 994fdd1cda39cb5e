//! git-ai notes on a real repository built with the `git` binary, read back through
//! `idgate_git` and attributed with `idgate_provenance::attribution`.

use std::error::Error;
use std::path::Path;
use std::process::Command;

use idgate_core::Actor;
use idgate_git::{Limits, Repo};
use idgate_provenance::attribution::{KeyKind, attribute_line, parse_git_ai_note};

type TestResult = Result<(), Box<dyn Error>>;

fn git(dir: &Path, args: &[&str]) -> Result<String, Box<dyn Error>> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2026-01-10T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-01-10T10:00:00+00:00")
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

fn write(dir: &Path, path: &str, text: &str) -> TestResult {
    let path = dir.join(path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// A repository with two commits; the second carries a git-ai note whose `base_commit_sha` is
/// the commit itself, as git-ai writes it. Returns the temp dir, the head id and the note text.
fn repo_with_note() -> Result<(tempfile::TempDir, String, String), Box<dyn Error>> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"])?;
    git(dir, &["config", "user.name", "Ann"])?;
    git(dir, &["config", "user.email", "ann@example.com"])?;
    git(dir, &["config", "commit.gpgsign", "false"])?;

    write(dir, "README.md", "idgate fixture\n")?;
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-q", "-m", "base"])?;

    let session: String = (1..=30).map(|i| format!("line {i}\n")).collect();
    write(dir, "src/auth/session.rs", &session)?;
    write(dir, "src/auth/login handler.py", "def login():\n    pass\n")?;
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-q", "-m", "Add session handling"])?;
    let head = git(dir, &["rev-parse", "HEAD"])?.trim().to_string();

    let note = format!(
        r#"src/auth/session.rs
  s_1a2b3c4d5e6f70::t_0f1e2d3c4b5a69 1-12,20-24
  h_9f8e7d6c5b4a30 13-19
  d9978a8723e02b52 30
"src/auth/login handler.py"
  s_1a2b3c4d5e6f70::t_aaaaaaaaaaaaaa 1-2
---
{{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.1.4",
  "base_commit_sha": "{head}",
  "prompts": {{
    "d9978a8723e02b52": {{
      "agent_id": {{"tool": "cursor", "id": "6ef2299e", "model": "gpt-5"}},
      "total_additions": 1, "total_deletions": 0, "accepted_lines": 1, "overriden_lines": 0
    }}
  }},
  "sessions": {{
    "s_1a2b3c4d5e6f70": {{
      "agent_id": {{"tool": "claude", "id": "conv-1", "model": "claude-opus-4-5"}},
      "human_author": "Ann <ann@example.com>"
    }}
  }},
  "humans": {{"h_9f8e7d6c5b4a30": {{"author": "Ann <ann@example.com>"}}}}
}}"#
    );
    git(dir, &["notes", "--ref", "ai", "add", "-m", &note, "HEAD"])?;
    // A note under another ref must not be mistaken for the git-ai one.
    git(dir, &["notes", "add", "-m", "reviewed-by: someone", "HEAD"])?;
    Ok((tmp, head, note))
}

#[test]
fn note_read_from_a_real_repository_attributes_lines() -> TestResult {
    let (tmp, head, note_text) = repo_with_note()?;
    let changes = Repo::open(tmp.path(), Limits::default())?.range(None, "HEAD")?;
    assert_eq!(changes.commits.len(), 1, "the range is HEAD alone");
    let commit = &changes.commits[0];
    assert_eq!(commit.id, head);

    let (_, text) = commit
        .notes
        .iter()
        .find(|(name, _)| name == "refs/notes/ai")
        .ok_or("no refs/notes/ai note on HEAD")?;
    assert_eq!(text.trim_end(), note_text.trim_end());

    let note = parse_git_ai_note(text)?;
    assert_eq!(note.base_commit_sha.as_deref(), Some(head.as_str()));
    assert_eq!(note.base_matches(&commit.id), Some(true));

    let a = note
        .attribute("src/auth/session.rs", 5)
        .ok_or("line 5 unattributed")?;
    assert_eq!(a.actor, Actor::Agent);
    assert_eq!(a.kind, KeyKind::Session);
    assert_eq!(a.agent(), Some("claude"));
    assert_eq!(a.model.as_deref(), Some("claude-opus-4-5"));

    let h = note
        .attribute("src/auth/session.rs", 15)
        .ok_or("line 15 unattributed")?;
    assert_eq!(h.actor, Actor::Human);
    assert_eq!(h.human.as_deref(), Some("Ann <ann@example.com>"));

    let p = note
        .attribute("src/auth/session.rs", 30)
        .ok_or("line 30 unattributed")?;
    assert_eq!((p.actor, p.agent()), (Actor::Agent, Some("cursor")));

    let q = note
        .attribute("src/auth/login handler.py", 2)
        .ok_or("quoted path unattributed")?;
    assert_eq!(q.agent(), Some("claude"));

    // Untracked lines are unknown, not human.
    assert_eq!(note.attribute("src/auth/session.rs", 25), None);
    assert_eq!(note.attribute("README.md", 1), None);

    let line = attribute_line(&commit.id, "src/auth/session.rs", 1, Some(&note), &[]);
    assert_eq!(line.actor, Actor::Agent);
    assert_eq!(line.agent.as_deref(), Some("claude"));
    assert_eq!(line.source, "git-ai");
    assert_eq!(line.commit.as_deref(), Some(head.as_str()));
    let none = attribute_line(&commit.id, "src/auth/session.rs", 25, Some(&note), &[]);
    assert_eq!((none.actor, none.source.as_str()), (Actor::Unknown, "none"));
    Ok(())
}

#[test]
fn commit_without_a_git_ai_note_has_none() -> TestResult {
    let (tmp, _, _) = repo_with_note()?;
    let changes = Repo::open(tmp.path(), Limits::default())?.range(None, "HEAD~1")?;
    let commit = &changes.commits[0];
    assert!(commit.notes.iter().all(|(name, _)| name != "refs/notes/ai"));
    Ok(())
}

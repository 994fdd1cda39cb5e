//! `idgate provenance` on a real repository whose commits carry each agent's real markers.

mod common;

use std::process::Command;

use common::{Git, idgate};
use serde_json::Value;

/// (agent expected, author name, author e-mail, message)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "claude-code",
        "Ann Example",
        "ann@example.com",
        "Fix login\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n",
    ),
    (
        "claude-code",
        "Ann Example",
        "ann@example.com",
        "Fix login\n\nClaude-Session: https://claude.ai/code/session_01abc\n",
    ),
    (
        "github-copilot",
        "Copilot",
        "198982749+Copilot@users.noreply.github.com",
        "Add auth guard\n\nAgent-Logs-Url: https://github.com/acme/api/sessions/1b2c\nCo-authored-by: Ann Example <1234+ann@users.noreply.github.com>\n",
    ),
    (
        "github-copilot",
        "Ann Example",
        "ann@example.com",
        "Tweak\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n",
    ),
    (
        "github-copilot",
        "Ann Example",
        "ann@example.com",
        "Tweak\n\nCo-authored-by: Copilot <copilot@github.com>\n",
    ),
    (
        "cursor",
        "Ann Example",
        "ann@example.com",
        "Refactor\n\nMade-with: Cursor\nCo-authored-by: Cursor <cursoragent@cursor.com>\n",
    ),
    (
        "cursor",
        "Cursor Agent",
        "cursoragent@cursor.com",
        "Background agent change\n",
    ),
    (
        "aider",
        "Ann Example (aider)",
        "ann@example.com",
        "aider: add token refresh\n",
    ),
    (
        "openai-codex",
        "Ann Example",
        "ann@example.com",
        "Rotate keys\n\nCo-authored-by: Codex <noreply@openai.com>\n",
    ),
    (
        "devin",
        "Devin AI",
        "158243242+devin-ai-integration[bot]@users.noreply.github.com",
        "Add RBAC\n",
    ),
    (
        "jules",
        "google-labs-jules[bot]",
        "161369871+google-labs-jules[bot]@users.noreply.github.com",
        "Update session\n",
    ),
    (
        "gemini",
        "gemini-code-assist[bot]",
        "176961590+gemini-code-assist[bot]@users.noreply.github.com",
        "Suggestion\n",
    ),
    (
        "amazon-q",
        "amazon-q-developer[bot]",
        "208079219+amazon-q-developer[bot]@users.noreply.github.com",
        "IAM policy\n",
    ),
    ("openhands", "openhands", "openhands@all-hands.dev", "Fix\n"),
    (
        "amp",
        "Ann Example",
        "ann@example.com",
        "Fix\n\nAmp-Thread-ID: https://ampcode.com/threads/T-1234\nCo-authored-by: Amp <amp@ampcode.com>\n",
    ),
    (
        "opencode",
        "Ann Example",
        "ann@example.com",
        "Fix\n\nCo-Authored-By: opencode <noreply@opencode.ai>\n",
    ),
    (
        "replit",
        "Ann Example",
        "ann@example.com",
        "Fix\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 3f1c\n",
    ),
    (
        "continue",
        "continue[bot]",
        "230936708+continue[bot]@users.noreply.github.com",
        "Fix\n",
    ),
    (
        "cline",
        "cline[bot]",
        "205137888+cline[bot]@users.noreply.github.com",
        "Fix\n",
    ),
    (
        "generic-ai",
        "Ann Example",
        "ann@example.com",
        "Fix\n\nAssisted-by: Claude:claude-3-opus coccinelle\n",
    ),
    (
        "generic-ai",
        "Ann Example",
        "ann@example.com",
        "Fix\n\nGenerated-By: some-tool 2.1\n",
    ),
];

fn commit_as(g: &Git, n: usize, name: &str, email: &str, message: &str) {
    g.write("f.txt", format!("{n}\n"));
    g.run(&["add", "f.txt"]);
    let date = format!("{} +0000", 1_764_000_000 + n * 60);
    let out = Command::new("git")
        .args(["commit", "-q", "-m", message])
        .current_dir(g.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", name)
        .env("GIT_AUTHOR_EMAIL", email)
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn each_agent_is_recognised_from_its_real_markers() {
    let mut g = Git::new();
    g.write("README.md", "x\n");
    let base = g.commit("base");
    for (i, (_, name, email, message)) in CASES.iter().enumerate() {
        commit_as(&g, i + 1, name, email, message);
    }
    // Near misses: a person called Claude, a bare noreply address, a bot that is not an AI.
    commit_as(&g, 100, "Claude Dupont", "claude@dupont.example", "Fix\n");
    commit_as(
        &g,
        101,
        "Devin",
        "5551234+devin@users.noreply.github.com",
        "Fix\n",
    );
    commit_as(
        &g,
        102,
        "dependabot[bot]",
        "49699333+dependabot[bot]@users.noreply.github.com",
        "Bump\n",
    );

    let out = idgate()
        .args(["provenance", "--format", "json", "--repo"])
        .arg(g.path())
        .arg(format!("{base}..HEAD"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let mut commits = doc["commits"].as_array().unwrap().clone();
    commits.reverse(); // newest first in the stream
    assert_eq!(commits.len(), CASES.len() + 3);
    for (c, (agent, ..)) in commits.iter().zip(CASES) {
        assert_eq!(c["actor"], "agent", "{}: {c}", c["summary"]);
        assert_eq!(c["agent"], *agent, "{c}");
        assert!(c["confidence"].as_f64().unwrap() > 0.5);
        assert!(!c["evidence"].as_array().unwrap().is_empty());
    }
    let tail = &commits[CASES.len()..];
    assert_eq!(tail[0]["actor"], "unknown");
    assert_eq!(tail[1]["actor"], "unknown");
    assert_eq!(tail[2]["actor"], "bot");
    assert_eq!(tail[2]["agent"], "dependabot");
}

#[test]
fn branch_prefix_counts_only_when_the_branch_is_known() {
    let mut g = Git::new();
    g.write("a.txt", "a\n");
    g.commit("one");
    g.write("a.txt", "b\n");
    g.commit("two");
    let run = |extra: &[&str]| {
        let out = idgate()
            .env_remove("GITHUB_HEAD_REF")
            .args(["provenance", "--format", "json", "--repo"])
            .arg(g.path())
            .args(extra)
            .arg("HEAD~1..HEAD")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let doc: Value = serde_json::from_slice(&out).unwrap();
        doc["commits"][0].clone()
    };
    assert_eq!(run(&[])["actor"], "unknown");
    let c = run(&["--branch", "claude/fix-auth-9j2nc3"]);
    assert_eq!(c["actor"], "agent");
    assert_eq!(c["agent"], "claude-code");
    // The CI's variable works too.
    let out = idgate()
        .env("GITHUB_HEAD_REF", "codex/rotate")
        .args(["provenance", "--format", "json", "--repo"])
        .arg(g.path())
        .arg("HEAD~1..HEAD")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["commits"][0]["agent"], "openai-codex");
}

#[test]
fn text_table_and_bad_range() {
    let mut g = Git::new();
    g.write("a.txt", "a\n");
    g.commit("Initial\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
    idgate()
        .args(["provenance", "--repo"])
        .arg(g.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("agent    claude-code"))
        .stdout(predicates::str::contains(
            "1 commits: 1 agent, 0 bot, 0 human, 0 unknown",
        ));
    idgate()
        .args(["provenance", "--repo"])
        .arg(g.path())
        .arg("nope..HEAD")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("unknown revision 'nope'"));
}

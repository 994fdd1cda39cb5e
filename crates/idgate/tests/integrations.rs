//! Integrations: the pre-commit hook `idgate init --hooks` installs (run by a real `git commit`),
//! the pre-commit framework's hook file, the GitHub Action, the GitLab CI template, the Code
//! Climate format they use, and shell completions and manual pages generated from the CLI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{AGENT_TRAILER, Git, UNVERIFIED, VERIFIED, idgate};
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load_yaml(relative: &str) -> Yaml {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"));
    assert_eq!(docs.len(), 1, "{relative}: one document");
    docs.remove(0)
}

/// `git commit` in `g` with idgate on PATH, as a developer would run it.
fn git_commit(g: &Git, message: &str) -> std::process::Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_idgate"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("git")
        .args(["commit", "-q", "-m", message])
        .current_dir(g.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn head(g: &Git) -> String {
    g.run(&["rev-parse", "HEAD"]).trim().to_string()
}

#[test]
fn init_hooks_installs_a_pre_commit_hook_that_blocks_a_weakening() {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    g.commit("add auth");
    idgate()
        .args(["init", "--hooks", "--repo"])
        .arg(g.path())
        .assert()
        .success();
    let hook = g.path().join(".git/hooks/pre-commit");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&hook).unwrap().permissions());
    assert_eq!(mode & 0o111, 0o111, "executable");

    // A staged weakening: the hook judges it and the commit does not happen.
    let before = head(&g);
    g.write("app/auth.py", UNVERIFIED);
    g.run(&["add", "-A"]);
    let out = git_commit(&g, &format!("speed up auth{AGENT_TRAILER}"));
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("IDG101"), "{text}");
    assert_eq!(head(&g), before, "nothing was committed");

    // A harmless staged change passes the same hook.
    g.write("app/auth.py", VERIFIED);
    g.write("README.md", "docs\n");
    g.run(&["add", "-A"]);
    let out = git_commit(&g, "docs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(head(&g), before);

    // Running it again updates idgate's own hook without --force.
    idgate()
        .args(["init", "--hooks", "--repo"])
        .arg(g.path())
        .assert()
        .success();
}

#[test]
fn init_hooks_keeps_a_foreign_hook_unless_forced() {
    let g = Git::new();
    let hooks = g.path().join("custom-hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    g.run(&["config", "core.hooksPath", "custom-hooks"]);
    let foreign = "#!/bin/sh\necho lint\n";
    std::fs::write(hooks.join("pre-commit"), foreign).unwrap();

    let out = idgate()
        .args(["init", "--hooks", "--repo"])
        .arg(g.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("custom-hooks/pre-commit exists and was not written by idgate")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit")).unwrap(),
        foreign
    );

    idgate()
        .args(["init", "--hooks", "--force", "--repo"])
        .arg(g.path())
        .assert()
        .success();
    let installed = std::fs::read_to_string(hooks.join("pre-commit")).unwrap();
    assert!(
        installed.contains("exec idgate check --staged"),
        "{installed}"
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.before-idgate")).unwrap(),
        foreign
    );
}

#[test]
fn pre_commit_framework_hook_runs_idgate_on_the_index() {
    let y = load_yaml(".pre-commit-hooks.yaml");
    let hooks = y.as_vec().expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    let h = &hooks[0];
    assert_eq!(h["id"].as_str(), Some("idgate"));
    assert_eq!(h["entry"].as_str(), Some("idgate check --staged"));
    assert_eq!(h["language"].as_str(), Some("system"));
    assert_eq!(h["pass_filenames"].as_bool(), Some(false));
    assert_eq!(h["always_run"].as_bool(), Some(true));
    assert!(!h["name"].is_badvalue() && !h["description"].is_badvalue());
}

#[test]
fn github_action_is_a_composite_that_checks_uploads_and_comments() {
    let y = load_yaml("action.yml");
    assert!(y["name"].as_str().is_some() && y["description"].as_str().is_some());
    assert_eq!(y["runs"]["using"].as_str(), Some("composite"));
    let steps = y["runs"]["steps"].as_vec().unwrap();
    // Every `run` step names its shell, as composite actions require.
    for s in steps {
        if !s["run"].is_badvalue() {
            assert!(s["shell"].as_str().is_some(), "{s:?}");
        }
    }
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("cargo install --locked")));
    assert!(
        runs.iter()
            .any(|r| r.contains("--format sarif") && r.contains("idgate check"))
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(upload["with"]["category"].as_str(), Some("idgate"));
    let comment = runs
        .iter()
        .find(|r| r.contains("gh api"))
        .expect("a comment step");
    assert!(comment.contains("<!-- idgate-report -->") && comment.contains("PATCH"));
    for input in [
        "base",
        "head",
        "install",
        "upload-sarif",
        "comment",
        "fail",
        "token",
    ] {
        assert!(!y["inputs"][input].is_badvalue(), "input {input}");
    }
}

#[test]
fn gitlab_template_publishes_code_quality_junit_and_sarif() {
    let y = load_yaml("ci/gitlab/idgate.gitlab-ci.yml");
    let job = &y["idgate"];
    assert_eq!(job["variables"]["GIT_DEPTH"].as_str(), Some("0"));
    let script: Vec<&str> = job["script"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    let all = script.join("\n");
    for format in ["codeclimate", "junit", "sarif"] {
        assert!(all.contains(&format!("--format {format}")), "{format}");
    }
    let reports = &job["artifacts"]["reports"];
    assert_eq!(
        reports["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );
    assert_eq!(reports["junit"].as_str(), Some("idgate-junit.xml"));
}

#[test]
fn codeclimate_format_lists_findings_that_count() {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    let base = g.commit("base");
    g.write("app/auth.py", UNVERIFIED);
    g.write("docs/notes.md", "auth notes\n");
    g.commit("weaken");
    let out = idgate()
        .args([
            "check",
            "--format",
            "codeclimate",
            "--base",
            &base,
            "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 1, "{v:#}");
    let i = &issues[0];
    assert_eq!(i["type"], "issue");
    assert_eq!(i["check_name"], "IDG101");
    assert_eq!(i["location"]["path"], "app/auth.py");
    assert_eq!(i["location"]["lines"]["begin"], 5);
    assert!(
        matches!(i["severity"].as_str(), Some("major" | "critical")),
        "{i}"
    );
    assert_eq!(i["fingerprint"].as_str().unwrap().len(), 32, "{i}");
}

#[test]
fn completions_and_manual_pages_come_from_the_cli() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = idgate()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("check-seal") && text.contains("rollback-plan"),
            "{shell}"
        );
    }
    let out = idgate()
        .arg("man")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH idgate 1"),
        "{page}"
    );
    assert!(page.contains("rollback\\-plan"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    idgate()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("");
    for page in [
        "idgate.1",
        "idgate-check.1",
        "idgate-ledger.1",
        "idgate-ledger-check-seal.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
    idgate().args(["completions", "tcsh"]).assert().code(2);
}

/// A repository whose head commit, by an agent, turns JWT verification off: (repo, base, head).
fn weakened_repo() -> (Git, String, String) {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    let base = g.commit("add auth");
    g.write("app/auth.py", UNVERIFIED);
    let head = g.commit(&format!("speed up auth{AGENT_TRAILER}"));
    (g, base, head)
}

/// PATH with the idgate under test (and `extra` first).
fn path_with_idgate(extra: &Path) -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_idgate"));
    format!(
        "{}:{}:{}",
        extra.display(),
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Run one `run:` script as GitHub runs `shell: bash` (`bash --noprofile --norc -eo pipefail`).
fn run_action_step(step: &Yaml, cwd: &Path, env: &[(&str, String)]) -> std::process::Output {
    let script = step["run"].as_str().expect("a run step");
    // Expressions are evaluated by the runner into `env:`; scripts must only read variables.
    assert!(
        !script.contains("${{"),
        "expression inside a script: {script}"
    );
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(cwd)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1");
    for var in ["GITHUB_REPOSITORY", "CI_PROJECT_PATH", "IDGATE_REPOSITORY"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn action_step<'a>(steps: &'a [Yaml], name: &str) -> &'a Yaml {
    steps
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step {name:?}"))
}

/// The action's own scripts, run in bash as the runner would: the check writes the SARIF, the
/// markdown and the outputs; the comment step posts, then updates, one marked comment through
/// `gh api` (a recording stand-in here); the verdict step fails the job.
#[test]
fn github_action_scripts_check_comment_and_fail() {
    let (g, base, head) = weakened_repo();
    let y = load_yaml("action.yml");
    let steps = y["runs"]["steps"].as_vec().unwrap();
    // The env a step declares is what the runner gives it; the test supplies each one.
    let declared = |name: &str| -> Vec<String> {
        action_step(steps, name)["env"]
            .as_hash()
            .map(|h| {
                h.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let tmp = tempfile::tempdir().unwrap();
    let runner_temp = tmp.path().join("runner");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let (output, summary) = (tmp.path().join("output"), tmp.path().join("summary"));
    std::fs::write(&output, "").unwrap();
    std::fs::write(&summary, "").unwrap();
    let fake_bin = tmp.path().join("bin");
    std::fs::create_dir_all(&fake_bin).unwrap();
    // `gh api`: log each call (arguments NUL-separated, calls ended by RS), print the existing
    // comment's id for the listing call when there is one.
    let log = tmp.path().join("gh.log");
    let gh = fake_bin.join("gh");
    std::fs::write(
        &gh,
        format!(
            "#!/bin/sh\nprintf '%s\\0' \"$@\" >> '{log}'\nprintf '\\036' >> '{log}'\ncase \"$*\" in *--paginate*) [ -n \"$EXISTING\" ] && echo \"$EXISTING\";; esac\nexit 0\n",
            log = log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&gh, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = path_with_idgate(&fake_bin);
    let common = vec![
        ("PATH", path.clone()),
        ("RUNNER_TEMP", runner_temp.display().to_string()),
        ("GITHUB_OUTPUT", output.display().to_string()),
        ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
    ];

    let mut env = common.clone();
    env.extend([
        ("IDGATE_BASE", base.clone()),
        ("IDGATE_HEAD", head.clone()),
        ("IDGATE_ARGS", String::new()),
    ]);
    for var in declared("Check the change") {
        assert!(env.iter().any(|(k, _)| *k == var), "undeclared {var}");
    }
    let out = run_action_step(action_step(steps, "Check the change"), g.path(), &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outputs = std::fs::read_to_string(&output).unwrap();
    let value = |k: &str| {
        outputs
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no output {k}: {outputs}"))
            .to_string()
    };
    assert_eq!(value("exit-code"), "1");
    assert_eq!(value("verdict"), "review");
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(value("sarif")).unwrap())
        .expect("the SARIF output is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let rules: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert!(rules.contains(&"IDG101"), "{rules:?}");
    let markdown = std::fs::read_to_string(value("markdown")).unwrap();
    assert!(markdown.contains("IDG101"), "{markdown}");
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), markdown);

    // No earlier comment: one is posted, marked so the next run finds it.
    let comment_env = |existing: &str| {
        let mut env = common.clone();
        env.extend([
            ("GH_TOKEN", "test-token".to_string()),
            ("REPO", "acme/payments".to_string()),
            ("PR", "7".to_string()),
            ("AUTHOR", "github-actions[bot]".to_string()),
            ("REPORT", value("markdown")),
            ("EXISTING", existing.to_string()),
        ]);
        env
    };
    for var in declared("Comment on the pull request") {
        assert!(
            comment_env("").iter().any(|(k, _)| *k == var),
            "undeclared {var}"
        );
    }
    let calls = || -> Vec<Vec<String>> {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .split('\x1e')
            .filter(|l| !l.is_empty())
            .map(|l| {
                l.split('\0')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    };
    let comment = action_step(steps, "Comment on the pull request");
    let out = run_action_step(comment, g.path(), &comment_env(""));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = calls();
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(c[0].contains(&"repos/acme/payments/issues/7/comments".to_string()));
    assert_eq!(
        &c[1][..4],
        [
            "api",
            "--method",
            "POST",
            "repos/acme/payments/issues/7/comments"
        ]
    );
    let body = c[1].last().unwrap();
    assert!(body.starts_with("body=<!-- idgate-report -->\n"), "{body}");
    assert!(body.contains("IDG101") && body.len() < 65_536);

    // A second run updates that comment instead of adding another.
    std::fs::remove_file(&log).unwrap();
    let out = run_action_step(comment, g.path(), &comment_env("4242"));
    assert!(out.status.success());
    let c = calls();
    assert_eq!(
        &c[1][..4],
        [
            "api",
            "--method",
            "PATCH",
            "repos/acme/payments/issues/comments/4242"
        ]
    );

    // The verdict step fails the job on review, passes on allow.
    let verdict = action_step(steps, "Verdict");
    let fail = run_action_step(
        verdict,
        g.path(),
        &[("CODE", "1".into()), ("VERDICT", "review".into())],
    );
    assert_eq!(fail.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&fail.stdout).contains("::error title=idgate::verdict review"));
    let pass = run_action_step(
        verdict,
        g.path(),
        &[("CODE", "0".into()), ("VERDICT", "allow".into())],
    );
    assert!(pass.status.success());
}

/// The GitLab template's job, run as GitLab's shell executor runs it (before_script and script
/// in one bash with `set -eo pipefail`): it writes the three reports and fails on review.
#[test]
fn gitlab_template_job_writes_its_reports() {
    let (g, base, head) = weakened_repo();
    let y = load_yaml("ci/gitlab/idgate.gitlab-ci.yml");
    let job = &y["idgate"];
    let lines = |key: &str| -> Vec<String> {
        job[key]
            .as_vec()
            .unwrap()
            .iter()
            .filter_map(|l| l.as_str().map(str::to_string))
            .collect()
    };
    let mut script = String::from("set -eo pipefail\n");
    for line in lines("before_script").into_iter().chain(lines("script")) {
        script.push_str(&line);
        script.push('\n');
    }
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", &script])
        .current_dir(g.path())
        .env("PATH", path_with_idgate(empty.path()))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("IDGATE_INSTALL", "")
        .env("IDGATE_ARGS", "")
        .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", &base)
        .env("CI_COMMIT_SHA", &head)
        .env_remove("CI_PROJECT_PATH")
        .env_remove("GITHUB_REPOSITORY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("IDG101"), "{stdout}");
    let quality: Value = serde_json::from_str(
        &std::fs::read_to_string(g.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    let issues = quality.as_array().unwrap();
    assert!(
        issues.iter().any(|i| i["check_name"]
            .as_str()
            .is_some_and(|c| c.contains("IDG101"))),
        "{quality}"
    );
    let junit = std::fs::read_to_string(g.path().join("idgate-junit.xml")).unwrap();
    assert!(
        junit.contains("<testsuites") && junit.contains("IDG101"),
        "{junit}"
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(g.path().join("idgate.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    // The artifacts the template declares are the files the job wrote.
    for p in job["artifacts"]["paths"].as_vec().unwrap() {
        assert!(g.path().join(p.as_str().unwrap()).is_file(), "{p:?}");
    }
}

//! Credentials a change adds are findings; old ones and test fixtures do not count; no output
//! format ever shows the value.

mod common;

use common::{Git, idgate};
use serde_json::Value;

// Synthetic values in real formats (not credentials of anyone).
const KEY_ID: &str = "AKIAQ3ZT7WVB2N5XK4PL";
const SECRET: &str = "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";
const OLD_KEY_ID: &str = "AKIAZ7XK2M4QP9TR3VWB";

fn settings(id: &str, secret: &str) -> String {
    format!("import os\n\nAWS_ACCESS_KEY_ID = \"{id}\"\nAWS_SECRET_ACCESS_KEY = \"{secret}\"\n")
}

#[test]
fn added_credentials_count_and_never_appear_in_any_format() {
    let mut g = Git::new();
    g.write("app/legacy.py", format!("KEY = \"{OLD_KEY_ID}\"\n"));
    g.write("app/settings.py", "import os\n");
    let base = g.commit("base");
    g.write(
        "app/legacy.py",
        format!("# touched\nKEY = \"{OLD_KEY_ID}\"\n"),
    );
    g.write("app/settings.py", settings(KEY_ID, SECRET));
    g.write("tests/test_settings.py", settings(KEY_ID, SECRET));
    let head = g.commit("inline the keys");

    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &base, "--head", &head, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let found: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The two new ones in app code count; the old key is not new; the test file is a note.
    let app: Vec<_> = found.iter().filter(|f| f.1 == "app/settings.py").collect();
    assert_eq!(app.len(), 2, "{found:?}");
    assert!(app.iter().all(|f| f.0 == "IDG201" && f.2 == "error"));
    assert!(found.iter().all(|f| f.1 != "app/legacy.py"), "{found:?}");
    assert!(
        found
            .iter()
            .filter(|f| f.1.starts_with("tests/"))
            .all(|f| f.2 == "note"),
        "{found:?}"
    );
    let message = v["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("revoke or rotate"), "{message}");

    for (format, all) in common::check_in_every_format(g.path(), &base, &head) {
        for raw in [KEY_ID, SECRET, &SECRET[4..24], &KEY_ID[4..]] {
            assert!(!all.contains(raw), "{format} output leaks {raw}:\n{all}");
        }
    }
}

#[test]
fn eval_secrets_scores_the_corpus_and_fails_below_the_bar() {
    idgate()
        .args(["eval-secrets", "--draws", "2"])
        .assert()
        .success()
        .stdout(predicates::str::contains("provider recall 1.000"));
    // A corpus that labels a plain sentence as an AWS key: recall 0, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.txt");
    std::fs::write(&corpus, "tp\taws-access-key-id\tno secret on this line\n").unwrap();
    idgate()
        .args(["eval-secrets", "--corpus"])
        .arg(&corpus)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("provider recall 0.000"));
}

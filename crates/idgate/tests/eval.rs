//! `idgate eval`: scoring a labelled corpus.

mod common;

use common::idgate;
use predicates::prelude::*;

fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn scores_hits_misses_and_pairs_per_category() {
    let dir = corpus(&[
        (
            "jwt/hit.py",
            "import jwt\n# expect: pyjwt-verification-disabled\nc = jwt.decode(t, options={'verify_signature': False})\n",
        ),
        (
            "jwt/miss.py",
            "import jwt\n# expect: pyjwt-verification-disabled\nc = 1\n",
        ),
        (
            "jwt/safe.before.py",
            "import jwt\nc = jwt.decode(t, k, algorithms=['RS256'])\n",
        ),
        (
            "jwt/safe.after.py",
            "import jwt\n# ok: pyjwt-verification-disabled\nc = jwt.decode(t, k, algorithms=['ES256'])\n",
        ),
    ]);
    let out = idgate()
        .args(["eval", "--format", "json", "--corpus"])
        .arg(dir.path())
        .assert()
        .code(1) // recall 0.5 is below the default bar
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let c = &v["by_category"]["token-verification"];
    assert_eq!(c["true_positives"], 1);
    assert_eq!(c["false_negatives"], 1);
    assert_eq!(c["false_positives"], 0);
    assert_eq!(c["near_misses"], 1);
    assert_eq!(v["pairs"], 1);
    assert_eq!(v["benign_cases"], 1);
    assert_eq!(v["benign_clean"], 1);
}

#[test]
fn the_projects_own_corpus_meets_the_bar() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../idgate_rules/resources/fixtures");
    idgate()
        .args(["eval", "--corpus"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("| category"));
}

#[test]
fn a_bad_label_or_a_missing_corpus_is_a_clear_error() {
    let dir = corpus(&[("a.py", "# expect: no-such-rule\nx = 1\n")]);
    idgate()
        .args(["eval", "--corpus"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.py").and(predicate::str::contains("no-such-rule")));
    idgate()
        .args(["eval", "--corpus", "/nonexistent/corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/corpus"));
}

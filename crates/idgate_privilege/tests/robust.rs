//! Bad input: truncated and corrupted files, deep nesting, never a panic, bounded time.

use idgate_privilege::diff;
use std::path::Path;
use std::time::{Duration, Instant};

fn corpus_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    for g in ["rbac", "iam", "terraform", "gha"] {
        let mut dirs: Vec<_> = std::fs::read_dir(root.join(g))
            .unwrap()
            .filter_map(Result::ok)
            .collect();
        dirs.sort_by_key(|e| e.file_name());
        for d in dirs.iter().step_by(3) {
            for f in std::fs::read_dir(d.path()).unwrap().filter_map(Result::ok) {
                let name = f.file_name().to_string_lossy().to_string();
                if name.starts_with("after.") {
                    let ext = name.trim_start_matches("after.");
                    let path = match g {
                        "gha" => format!(".github/workflows/x.{ext}"),
                        _ => format!("x/y.{ext}"),
                    };
                    out.push((path, std::fs::read_to_string(f.path()).unwrap()));
                }
            }
        }
    }
    out
}

#[test]
fn truncated_and_corrupted_inputs_never_panic() {
    let mut seed: u64 = 0x1234_5678_9abc_def1;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let start = Instant::now();
    let mut errors = 0;
    let mut runs = 0;
    for (path, text) in corpus_files() {
        let bytes = text.as_bytes();
        for _ in 0..12 {
            let mut b = bytes.to_vec();
            match rand() % 3 {
                0 => b.truncate((rand() % (bytes.len() as u64 + 1)) as usize),
                1 => {
                    for _ in 0..4 {
                        let i = (rand() % b.len().max(1) as u64) as usize;
                        if i < b.len() {
                            b[i] = b"{}[]:-'\"*\n #&!|>"[(rand() % 16) as usize];
                        }
                    }
                }
                _ => {
                    let i = (rand() % (b.len() as u64 + 1)) as usize;
                    let j = (rand() % (b.len() as u64 + 1)) as usize;
                    let (i, j) = (i.min(j), i.max(j));
                    b.drain(i..j);
                }
            }
            let mutated = String::from_utf8_lossy(&b).to_string();
            runs += 1;
            if diff(&path, Some(&text), Some(&mutated)).is_err() {
                errors += 1;
            }
        }
    }
    assert!(runs > 300);
    assert!(errors > 0, "corruption should produce typed errors");
    assert!(start.elapsed() < Duration::from_secs(120));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let yaml = format!(
        "kind: Role\nmetadata: {{name: x}}\nrules: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(diff("deep.yaml", None, Some(&yaml)).is_err());
    let json = format!(
        "{{\"Statement\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(diff("deep.json", None, Some(&json)).is_err());
    let hcl = format!(
        "resource \"aws_iam_policy\" \"p\" {{\n  policy = {}1{}\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    assert!(diff("deep.tf", None, Some(&hcl)).is_err());
    let mut block = String::from("kind: Role\nmetadata:\n  name: x\nitems:\n");
    for i in 0..20_000 {
        block.push_str(&" ".repeat(i + 1));
        block.push_str("- items:\n");
    }
    let _ = diff("deep-block.yaml", None, Some(&block));
}

#[test]
fn a_huge_role_is_diffed_in_bounded_time() {
    let verbs: Vec<String> = (0..60).map(|i| format!("\"verb{i}\"")).collect();
    let resources: Vec<String> = (0..200).map(|i| format!("\"res{i}\"")).collect();
    let role = |extra: &str| {
        format!(
            "kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {{name: big}}\nrules:\n- apiGroups: [\"\", \"apps\", \"batch\"]\n  resources: [{}{extra}]\n  verbs: [{}]\n",
            resources.join(", "),
            verbs.join(", ")
        )
    };
    let start = Instant::now();
    let report = diff("big.yaml", Some(&role("")), Some(&role(", \"secrets\""))).unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(report.grants_added.len(), 180);
}

#[test]
fn lenient_set_reports_good_files_and_names_bad_ones() {
    let good = "kind: ClusterRoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: x}\nroleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}\nsubjects: [{kind: User, name: eve}]\n";
    let files = [
        ("a/bad.json", None, Some("{\"Statement\": [")),
        ("a/good.yaml", None, Some(good)),
        ("a/bad.tf", None, Some("resource \"x\" {\n")),
    ];
    assert!(idgate_privilege::diff_set(&files).is_err());
    let (report, errors) = idgate_privilege::diff_set_lenient(&files);
    assert_eq!(errors.len(), 2);
    assert!(errors[0].to_string().starts_with("a/bad.json:"));
    assert!(errors[1].to_string().starts_with("a/bad.tf:"));
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, "IDG302");
}

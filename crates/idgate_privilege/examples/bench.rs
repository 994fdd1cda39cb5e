//! Timing of the effective-permission diff on generated inputs:
//! a 5,000-binding RBAC manifest set and a 500-policy IAM set.
//!
//! ```sh
//! cargo run --release -p idgate_privilege --example bench
//! ```
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::time::Instant;

/// A tiny deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const VERBS: &[&str] = &[
    "get", "list", "watch", "create", "update", "patch", "delete",
];
const RESOURCES: &[&str] = &[
    "pods",
    "services",
    "configmaps",
    "deployments",
    "jobs",
    "events",
    "ingresses",
    "endpoints",
    "persistentvolumeclaims",
    "replicasets",
    "statefulsets",
    "cronjobs",
];

/// Manifest files with `bindings` bindings in total (one role per five bindings); `widen` adds
/// secrets access to every 97th role.
fn rbac_files(bindings: usize, widen: bool) -> Vec<(String, String)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let per_file = 500;
    let mut files = Vec::new();
    let mut text = String::new();
    for b in 0..bindings {
        let ns = format!("team-{}", b % 50);
        if b % 5 == 0 {
            let role = b / 5;
            let _ = write!(
                text,
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: role-{role}\n  namespace: {ns}\nrules:\n"
            );
            for _ in 0..3 {
                let (v1, v2) = (rng.pick(VERBS), rng.pick(VERBS));
                let r = rng.pick(RESOURCES);
                let _ = write!(
                    text,
                    "- apiGroups: [\"\", \"apps\", \"batch\"]\n  resources: [\"{r}\"]\n  verbs: [\"{v1}\", \"{v2}\"]\n"
                );
            }
            if widen && role % 97 == 0 {
                text.push_str("- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\", \"list\"]\n");
            }
            text.push_str("---\n");
        }
        let role = b / 5;
        let _ = write!(
            text,
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: binding-{b}\n  namespace: {ns}\nsubjects:\n- kind: ServiceAccount\n  name: sa-{}\n  namespace: {ns}\n- kind: Group\n  name: group-{}\n  apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: role-{role}\n---\n",
            b % 700,
            b % 40
        );
        if (b + 1) % per_file == 0 {
            files.push((
                format!("k8s/rbac-{}.yaml", files.len()),
                std::mem::take(&mut text),
            ));
        }
    }
    if !text.is_empty() {
        files.push((format!("k8s/rbac-{}.yaml", files.len()), text));
    }
    files
}

const SERVICES: &[&str] = &[
    "s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "kms", "iam", "ecr",
];
const ACTIONS: &[&str] = &[
    "Get*",
    "List*",
    "Describe*",
    "Put*",
    "*",
    "Create*",
    "Delete*",
];

fn iam_files(policies: usize, widen: bool) -> Vec<(String, String)> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..policies)
        .map(|p| {
            let mut statements = Vec::new();
            for s in 0..4 {
                let svc = rng.pick(SERVICES);
                let act = rng.pick(ACTIONS);
                let resource = if s % 2 == 0 {
                    "\"*\"".to_string()
                } else {
                    format!("\"arn:aws:{svc}:us-east-1:111122223333:thing/p{p}-*\"")
                };
                statements.push(format!(
                    "{{\"Effect\": \"Allow\", \"Action\": [\"{svc}:{act}\", \"{svc}:Get*\"], \"Resource\": {resource}}}"
                ));
            }
            if p % 50 == 0 {
                statements.push("{\"Effect\": \"Allow\", \"NotAction\": [\"iam:*\"], \"Resource\": \"*\"}".into());
            }
            if p % 10 == 0 {
                statements.push("{\"Effect\": \"Deny\", \"Action\": [\"iam:*\"], \"Resource\": \"*\"}".into());
            }
            if widen && p % 25 == 0 {
                statements.push("{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\", \"ec2:RunInstances\"], \"Resource\": \"*\"}".into());
            }
            (
                format!("policies/p{p}.json"),
                format!("{{\"Version\": \"2012-10-17\", \"Statement\": [{}]}}", statements.join(",\n")),
            )
        })
        .collect()
}

/// CPU time of this thread in nanoseconds (Linux), so a loaded machine does not inflate the
/// numbers; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn run(name: &str, before: &[(String, String)], after: &[(String, String)]) {
    let set: Vec<(&str, Option<&str>, Option<&str>)> = before
        .iter()
        .zip(after)
        .map(|((p, b), (_, a))| (p.as_str(), Some(b.as_str()), Some(a.as_str())))
        .collect();
    let bytes: usize = before.iter().chain(after).map(|(_, t)| t.len()).sum();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let start = Instant::now();
        let c0 = thread_cpu_ns();
        let r = idgate_privilege::diff_set(&set).expect("diff");
        times.push(start.elapsed());
        if let (Some(a), Some(b)) = (c0, thread_cpu_ns()) {
            cpu.push(b - a);
        }
        report = Some(r);
    }
    times.sort();
    cpu.sort();
    let cpu_text = cpu
        .get(cpu.len() / 2)
        .map(|c| format!("; CPU median {:.1} ms", *c as f64 / 1e6))
        .unwrap_or_default();
    let r = report.expect("ran");
    println!(
        "{name}: {} files, {:.1} MB before+after; wall median {:.1} ms (min {:.1}, max {:.1}){cpu_text}; {} findings, {} grant rows added",
        set.len(),
        bytes as f64 / 1e6,
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3,
        r.findings.len(),
        r.grants_added.len()
    );
}

fn main() {
    run(
        "rbac 5,000 bindings",
        &rbac_files(5_000, false),
        &rbac_files(5_000, true),
    );
    run(
        "iam 500 policies",
        &iam_files(500, false),
        &iam_files(500, true),
    );
}

//! GitHub Actions: the effective `GITHUB_TOKEN` permissions of each job, and
//! `pull_request_target` workflows that check out the pull request's head.

use crate::{GrantRow, Note, PrivilegeError, PrivilegeReport, make_finding};
use idgate_core::Measure;
use serde_json::Value;
use std::collections::BTreeMap;

/// Token scopes GitHub documents.
const SCOPES: &[&str] = &[
    "actions",
    "attestations",
    "checks",
    "contents",
    "deployments",
    "discussions",
    "id-token",
    "issues",
    "models",
    "packages",
    "pages",
    "pull-requests",
    "repository-projects",
    "security-events",
    "statuses",
    "workflows",
];

/// What a job's token may do.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Perms {
    /// No `permissions` anywhere: the repository or organisation default, unknown here.
    Default,
    /// Scope → level (0 none, 1 read, 2 write); unlisted scopes are none.
    Explicit(BTreeMap<String, u8>, bool),
}

fn level(s: &str) -> u8 {
    match s {
        "write" => 2,
        "read" => 1,
        _ => 0,
    }
}

fn parse_perms(v: &Value) -> Option<Perms> {
    match v {
        Value::String(s) => {
            let l = match s.as_str() {
                "write-all" => 2,
                "read-all" => 1,
                _ => 0,
            };
            Some(Perms::Explicit(
                SCOPES.iter().map(|s| (s.to_string(), l)).collect(),
                l == 2,
            ))
        }
        Value::Object(m) => Some(Perms::Explicit(
            m.iter()
                .map(|(k, v)| (k.clone(), level(v.as_str().unwrap_or(""))))
                .collect(),
            false,
        )),
        Value::Null => Some(Perms::Explicit(BTreeMap::new(), false)),
        _ => None,
    }
}

struct Job {
    perms: Perms,
    head_checkout: Option<String>,
}

struct Workflow {
    jobs: BTreeMap<String, Job>,
    pr_target: bool,
}

fn triggers(on: Option<&Value>) -> Vec<String> {
    match on {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn untrusted_ref(s: &str) -> bool {
    let s = s.replace(' ', "");
    s.contains("github.event.pull_request.head")
        || s.contains("github.head_ref")
        || s.contains("refs/pull/")
        || s.contains("github.event.pull_request.merge_commit_sha")
}

fn parse(path: &str, text: &str) -> Result<Workflow, PrivilegeError> {
    let docs = crate::yaml::parse_file(path, text)?;
    let v: Value = docs.first().map(|d| d.to_json()).unwrap_or(Value::Null);
    let on = v.get("on").or_else(|| v.get("true"));
    let pr_target = triggers(on).iter().any(|t| t == "pull_request_target");
    let top = v.get("permissions").and_then(parse_perms);
    let mut jobs = BTreeMap::new();
    if let Some(Value::Object(js)) = v.get("jobs") {
        for (name, job) in js {
            let perms = job
                .get("permissions")
                .and_then(parse_perms)
                .or_else(|| top.clone())
                .unwrap_or(Perms::Default);
            let mut head_checkout = None;
            if let Some(Value::Array(steps)) = job.get("steps") {
                for s in steps {
                    let uses = s.get("uses").and_then(Value::as_str).unwrap_or("");
                    let with_ref = s
                        .get("with")
                        .and_then(|w| w.get("ref").or_else(|| w.get("repository")))
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let run = s.get("run").and_then(Value::as_str).unwrap_or("");
                    if uses.starts_with("actions/checkout") && untrusted_ref(with_ref) {
                        head_checkout = Some(with_ref.to_string());
                    } else if (run.contains("git checkout") || run.contains("git fetch"))
                        && untrusted_ref(run)
                        || run.contains("gh pr checkout")
                    {
                        head_checkout = Some(run.lines().next().unwrap_or("").to_string());
                    }
                }
            }
            jobs.insert(
                name.clone(),
                Job {
                    perms,
                    head_checkout,
                },
            );
        }
    }
    Ok(Workflow { jobs, pr_target })
}

fn line_of_job(text: &str, job: &str, needle: &str) -> u32 {
    let key = format!("{job}:");
    let mut job_indent: Option<usize> = None;
    let mut first_top = 0;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = l.len() - t.len();
        if let Some(ji) = job_indent
            && indent <= ji
        {
            job_indent = None;
        }
        if job_indent.is_none() && indent > 0 && (t == key || t.starts_with(&format!("{key} "))) {
            job_indent = Some(indent);
            continue;
        }
        if t.contains(needle) {
            if job_indent.is_some() {
                return i as u32 + 1;
            }
            if first_top == 0 && indent == 0 {
                first_top = i as u32 + 1;
            }
        }
    }
    first_top
}

/// Diff a workflow file.
pub(crate) fn diff(
    path: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<PrivilegeReport, PrivilegeError> {
    let mut report = PrivilegeReport::default();
    let Some(after_text) = after else {
        return Ok(report);
    };
    let old = before.map(|b| parse(path, b)).transpose()?;
    let new = parse(path, after_text)?;
    for (name, job) in &new.jobs {
        let old_job = old.as_ref().and_then(|o| o.jobs.get(name));
        let old_perms = old_job.map(|j| j.perms.clone());
        let subject = format!("job {name}");
        let Perms::Explicit(scopes, write_all) = &job.perms else {
            if old_perms.is_none() && before.is_some() {
                report.notes.push(Note {
                    path: path.to_string(),
                    line: line_of_job(after_text, name, &format!("{name}:")),
                    message: format!(
                        "job {name} has no permissions block: its token gets the repository default"
                    ),
                });
            }
            continue;
        };
        let old_level = |scope: &str| -> Option<u8> {
            match &old_perms {
                Some(Perms::Explicit(m, _)) => Some(*m.get(scope).unwrap_or(&0)),
                // No block: compared against GitHub's restricted default token (contents and
                // packages read), the default for repositories and organisations since 2023.
                Some(Perms::Default) => Some(u8::from(matches!(scope, "contents" | "packages"))),
                None => Some(0),
            }
        };
        let old_write_all = matches!(&old_perms, Some(Perms::Explicit(_, true)));
        let perm_line = line_of_job(after_text, name, "permissions");
        let mk = |scope: &str, via: &str| GrantRow {
            subject: subject.clone(),
            permission: scope.to_string(),
            resource: "write".into(),
            scope: path.to_string(),
            via: via.to_string(),
            qualifier: String::new(),
            path: path.to_string(),
            line: perm_line,
        };
        let describe = |p: &Option<Perms>| -> String {
            match p {
                None => "job did not exist".into(),
                Some(Perms::Default) => {
                    "no permissions block (restricted default: contents and packages read)".into()
                }
                Some(Perms::Explicit(_, true)) => "write-all".into(),
                Some(Perms::Explicit(m, _)) => {
                    let w: Vec<String> = m
                        .iter()
                        .filter(|(_, l)| **l > 0)
                        .map(|(k, l)| format!("{k}: {}", if *l == 2 { "write" } else { "read" }))
                        .collect();
                    if w.is_empty() {
                        "no scopes".into()
                    } else {
                        w.join(", ")
                    }
                }
            }
        };
        let mut new_rows = Vec::new();
        for (scope, l) in scopes {
            if *l == 2 && old_level(scope).is_some_and(|o| o < 2) {
                new_rows.push(mk(scope, "permissions"));
            }
        }
        if *write_all && !old_write_all {
            let rows: Vec<GrantRow> = SCOPES.iter().map(|s| mk(s, "write-all")).collect();
            report.grants_added.extend(rows.iter().cloned());
            report.findings.push(make_finding(
                "IDG340",
                format!("{subject} in {path} now runs with permissions: write-all"),
                Some(describe(&old_perms)),
                Some("write-all".into()),
                vec![mk("write-all", "permissions")],
                Some(Measure::Grant {
                    permission: "write-all".into(),
                }),
            ));
        } else {
            report.grants_added.extend(new_rows.iter().cloned());
            let writes: Vec<GrantRow> = new_rows
                .iter()
                .filter(|r| r.permission != "id-token")
                .cloned()
                .collect();
            if !writes.is_empty() {
                let names: Vec<&str> = writes.iter().map(|r| r.permission.as_str()).collect();
                report.findings.push(make_finding(
                    "IDG341",
                    format!("{subject} now gets write access to {}", names.join(", ")),
                    Some(describe(&old_perms)),
                    Some(describe(&Some(job.perms.clone()))),
                    writes.clone(),
                    Some(Measure::Grant {
                        permission: format!("{}: write", names[0]),
                    }),
                ));
            }
        }
        let id_new = (!*write_all || old_write_all)
            && scopes.get("id-token").is_some_and(|l| *l == 2)
            && !matches!(&old_perms, Some(Perms::Explicit(m, _)) if m.get("id-token") == Some(&2));
        if id_new {
            let row = mk("id-token", "permissions");
            if !report.grants_added.contains(&row) {
                report.grants_added.push(row.clone());
            }
            report.findings.push(make_finding(
                "IDG342",
                format!("{subject} can now request an OIDC token (id-token: write)"),
                Some(describe(&old_perms)),
                Some("id-token: write".into()),
                vec![row],
                Some(Measure::Grant {
                    permission: "id-token: write".into(),
                }),
            ));
        }
    }
    // pull_request_target with a checkout of the PR head.
    if new.pr_target {
        for (name, job) in &new.jobs {
            let Some(r) = &job.head_checkout else {
                continue;
            };
            let was = old.as_ref().is_some_and(|o| {
                o.pr_target && o.jobs.get(name).is_some_and(|j| j.head_checkout.is_some())
            });
            if was {
                continue;
            }
            let needle = r.lines().next().unwrap_or(r).trim();
            let line = line_of_job(after_text, name, needle);
            let row = GrantRow {
                subject: format!("pull request author (job {name})"),
                permission: "run code with base-repository secrets and token".into(),
                resource: r.clone(),
                scope: path.to_string(),
                via: "pull_request_target".into(),
                qualifier: String::new(),
                path: path.to_string(),
                line,
            };
            report.grants_added.push(row.clone());
            report.findings.push(make_finding(
                "IDG343",
                format!(
                    "job {name} runs on pull_request_target and checks out the pull request head ({r})"
                ),
                Some("no untrusted checkout under pull_request_target".into()),
                Some(r.clone()),
                vec![row],
                None,
            ));
        }
    }
    Ok(report)
}

//! Runs the rules over a change set.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use idgate_core::{ChangeSet, FileChange, Finding, Fingerprint, Level};
use idgate_lang::{Prefilter, Source, detect, parse};

use crate::registry::{Hit, REGISTRY, Rule, RuleContext};
use crate::surface;

/// How findings are selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only what the change introduced counts.
    Check,
    /// Everything in the new text counts (no diff).
    Scan,
}

/// Run every applicable rule over every analysable file of `change`. Findings are sorted by path,
/// line and rule.
pub fn analyze(change: &ChangeSet, mode: Mode) -> Vec<Finding> {
    let keywords: Vec<&str> = REGISTRY
        .iter()
        .flat_map(|r| r.keywords.iter().copied())
        .collect();
    let prefilter = Prefilter::new(&keywords);
    let mut findings = analyze_files(change, mode, &prefilter);
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
    findings
}

/// Below this many files one thread does the work: a pull request's few files are not worth
/// starting threads for (and `history` already runs one analysis per worker).
const PARALLEL_FROM: usize = 64;

/// Analyse the files on one thread per CPU (`scan` of a whole tree is otherwise bound to one
/// core). Each file is analysed by one thread, which keeps that file's findings in emission
/// order, so the stable sort in [`analyze`] gives exactly the single-threaded result.
fn analyze_files(change: &ChangeSet, mode: Mode, prefilter: &Prefilter) -> Vec<Finding> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if threads < 2 || change.files.len() < PARALLEL_FROM {
        let mut out = Vec::new();
        for file in &change.files {
            analyze_file(change, file, mode, prefilter, &mut out);
        }
        return out;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(change.files.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    while let Some(file) = change.files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        analyze_file(change, file, mode, prefilter, &mut out);
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn analyze_file(
    change: &ChangeSet,
    file: &FileChange,
    mode: Mode,
    prefilter: &Prefilter,
    out: &mut Vec<Finding>,
) {
    if file.skipped.is_some() {
        return;
    }
    let Some(new_text) = file.new_text.as_deref() else {
        // Deleted: nothing new to judge, but deleting identity code is a touch of its surface.
        if mode == Mode::Check {
            surface::deleted_surfaces(change, file, out);
        }
        return;
    };
    // Secrets first: they matter in every text file, whatever its language.
    secrets(change, file, new_text, mode, out);
    if crate::paths::is_test_or_docs(&file.path) {
        return;
    }
    let Some(language) = detect(&file.path, new_text.lines().next()) else {
        return;
    };
    let hits = prefilter.which(new_text);
    let rules: Vec<&Rule> = REGISTRY
        .iter()
        .copied()
        .filter(|r| r.languages.contains(&language) && wants(r, &hits))
        .collect();
    let old_text = file.old_text.as_deref().filter(|_| mode == Mode::Check);
    let surface_words = surface::prefilter(language);
    let maybe_surface =
        surface_words.matches(new_text) || old_text.is_some_and(|t| surface_words.matches(t));
    if rules.is_empty() && !maybe_surface {
        return;
    }
    let Some(new) = parse(language, new_text) else {
        return;
    };
    let old_language = file
        .old_path
        .as_deref()
        .map_or(Some(language), |p| detect(p, None).or(Some(language)));
    let old = match (old_text, old_language) {
        (Some(text), Some(lang)) => parse(lang, text),
        _ => None,
    };
    if maybe_surface {
        surface::report(change, file, mode, &new, old.as_ref(), out);
    }
    let commit = change
        .last_commit_touching(&file.path)
        .map(|c| c.id.clone());
    for rule in rules {
        let mut new_hits = Vec::new();
        (rule.check)(
            &RuleContext {
                path: &file.path,
                new: &new,
                old: old.as_ref(),
            },
            &mut new_hits,
        );
        if new_hits.is_empty() {
            continue;
        }
        let kept = match mode {
            Mode::Scan => new_hits,
            Mode::Check => introduced(rule, file, &new, old.as_ref(), new_hits),
        };
        let mut seen: HashMap<String, u32> = HashMap::new();
        for hit in kept {
            out.push(finding(rule, file, &new, hit, commit.clone(), &mut seen));
        }
    }
}

/// Credentials the change adds (check) or the file holds (scan), as `hardcoded-credential`
/// findings. A secret already in the old version is not new; one in a test or docs file is a note.
fn secrets(change: &ChangeSet, file: &FileChange, text: &str, mode: Mode, out: &mut Vec<Finding>) {
    let rule = &crate::rules::secrets::hardcoded_credential::RULE;
    let added: Vec<idgate_core::LineRange> = file.added_ranges().collect();
    let lines = match mode {
        Mode::Check if added.is_empty() => return,
        Mode::Check => Some(added.as_slice()),
        Mode::Scan => None,
    };
    let found = idgate_secrets::scan(&file.path, text, lines);
    if found.is_empty() {
        return;
    }
    let old: std::collections::HashSet<String> = match (mode, file.old_text.as_deref()) {
        (Mode::Check, Some(old)) => idgate_secrets::scan(&file.path, old, None)
            .into_iter()
            .map(|s| s.fingerprint)
            .collect(),
        _ => Default::default(),
    };
    let commit = change
        .last_commit_touching(&file.path)
        .map(|c| c.id.clone());
    let quiet = crate::paths::is_test_or_docs(&file.path);
    for s in found {
        if old.contains(&s.fingerprint) {
            continue;
        }
        let level = if quiet {
            Level::Note
        } else {
            match s.confidence {
                idgate_secrets::Confidence::Low => Level::Warning,
                _ => Level::Error,
            }
        };
        let checked = if s.validated {
            ", checksum verified offline"
        } else {
            ""
        };
        out.push(Finding {
            rule: rule.code,
            name: rule.name,
            category: rule.category,
            cwe: rule.cwe.to_vec(),
            severity: rule.severity,
            level,
            path: file.path.clone(),
            line: s.line,
            end_line: s.end_line,
            column: s.column,
            old_side: false,
            message: format!(
                "{} credential ({}, {}{checked}) written into the file; revoke or rotate it: {}",
                s.provider, s.kind, s.redacted, s.revocation
            ),
            before: None,
            after: None,
            fingerprint: Fingerprint(s.fingerprint),
            commit: commit.clone(),
            attribution: None,
            measure: None,
        });
    }
}

/// Whether any of the rule's keywords is among the prefilter hits.
fn wants(rule: &Rule, hits: &[usize]) -> bool {
    // Keyword indices follow REGISTRY order; find this rule's slice.
    let mut start = 0;
    for r in REGISTRY {
        if std::ptr::eq(*r, rule) {
            let end = start + r.keywords.len();
            return hits.iter().any(|&h| h >= start && h < end);
        }
        start += r.keywords.len();
    }
    false
}

/// Keep the hits the change introduced: those whose matched code the old version did not already
/// have. In a file rebuilt from a patch the old side is incomplete, so there a hit must also lie on
/// an added line.
fn introduced(
    rule: &Rule,
    file: &FileChange,
    new: &Source<'_>,
    old: Option<&Source<'_>>,
    hits: Vec<Hit>,
) -> Vec<Hit> {
    let mut old_counts: HashMap<String, usize> = HashMap::new();
    // The same finding in words (rule message names the function and how): an edit that only
    // renames an argument of an already-weakened call is not a new weakening.
    let mut old_messages: HashMap<String, usize> = HashMap::new();
    if let Some(old) = old {
        let mut old_hits = Vec::new();
        (rule.check)(
            &RuleContext {
                path: file.old_path.as_deref().unwrap_or(&file.path),
                new: old,
                old: None,
            },
            &mut old_hits,
        );
        for h in old_hits {
            *old_counts.entry(normalised(old, &h)).or_default() += 1;
            *old_messages.entry(h.message.clone()).or_default() += 1;
        }
    }
    // Hits on added lines are matched against old ones last, so an old hit "uses up" an
    // untouched occurrence first.
    let mut order: Vec<(bool, Hit)> = hits
        .into_iter()
        .map(|h| (touches_added(file, new, &h), h))
        .collect();
    order.sort_by_key(|(added, h)| (*added, h.start));
    let mut out = Vec::new();
    for (added, hit) in order {
        let key = normalised(new, &hit);
        if let Some(n) = old_counts.get_mut(&key)
            && *n > 0
        {
            *n -= 1;
            if let Some(m) = old_messages.get_mut(&hit.message) {
                *m = m.saturating_sub(1);
            }
            continue;
        }
        if let Some(m) = old_messages.get_mut(&hit.message)
            && *m > 0
        {
            *m -= 1;
            continue;
        }
        if file.partial && !added {
            continue;
        }
        out.push(hit);
    }
    out.sort_by_key(|h| h.start);
    out
}

fn touches_added(file: &FileChange, src: &Source<'_>, hit: &Hit) -> bool {
    let range = idgate_core::LineRange {
        start: src.line_of(hit.start),
        end: src.line_of(hit.end.saturating_sub(1).max(hit.start)),
    };
    file.added_ranges().any(|r| r.overlaps(&range))
}

/// The matched code with whitespace folded: what a fingerprint is made of.
fn normalised(src: &Source<'_>, hit: &Hit) -> String {
    let text = src.text.get(hit.start..hit.end).unwrap_or("");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn finding(
    rule: &Rule,
    file: &FileChange,
    src: &Source<'_>,
    hit: Hit,
    commit: Option<String>,
    seen: &mut HashMap<String, u32>,
) -> Finding {
    let matched = normalised(src, &hit);
    let n = seen.entry(matched.clone()).or_default();
    // The same code twice in one file: number the repeats so fingerprints stay unique.
    let anchor = if *n == 0 {
        matched
    } else {
        format!("{matched}#{n}")
    };
    *n += 1;
    Finding {
        rule: rule.code,
        name: rule.name,
        category: rule.category,
        cwe: rule.cwe.to_vec(),
        severity: rule.severity,
        level: rule.default_level,
        path: file.path.clone(),
        line: src.line_of(hit.start),
        end_line: src.line_of(hit.end.saturating_sub(1).max(hit.start)),
        column: src.column_of(hit.start),
        old_side: false,
        message: hit.message,
        before: hit.before,
        after: hit.after,
        fingerprint: Fingerprint::new(rule.code, &file.path, &anchor),
        commit,
        attribution: None,
        measure: None,
    }
}

#[cfg(test)]
mod tests {
    use idgate_core::{ChangeSource, FileStatus, Hunk};

    use super::*;

    fn scanned(path: String, text: String) -> FileChange {
        let lines = text.lines().count() as u32;
        FileChange {
            path,
            old_path: None,
            status: FileStatus::Scanned,
            old_text: None,
            new_text: Some(text),
            hunks: vec![Hunk {
                old_start: 0,
                old_lines: 0,
                new_start: 1,
                new_lines: lines,
            }],
            skipped: None,
            notes: Vec::new(),
            partial: false,
        }
    }

    #[test]
    fn many_files_give_the_single_threaded_result() {
        let mut files = Vec::new();
        for i in 0..3 * PARALLEL_FROM {
            let (path, text) = match i % 3 {
                0 => (
                    format!("svc/auth_{i:03}.py"),
                    "import jwt\nimport os\n\n\ndef claims(token):\n    \
                     return jwt.decode(token, options={\"verify_signature\": False})\n\n\n\
                     HOST = os.environ.get(\"HOST\")\n"
                        .to_string(),
                ),
                1 => (
                    format!("web/mw_{i:03}.js"),
                    "const jwt = require('jsonwebtoken');\n\nfunction auth(req, res, next) {\n  \
                     req.user = jwt.decode(req.headers.authorization);\n  next();\n}\n"
                        .to_string(),
                ),
                _ => (
                    format!("lib/plain_{i:03}.go"),
                    "package lib\n\nfunc Add(a, b int) int { return a + b }\n".to_string(),
                ),
            };
            files.push(scanned(path, text));
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let change = ChangeSet {
            source: ChangeSource::Scan {
                paths: vec![".".to_string()],
            },
            base: None,
            head: None,
            digest: String::new(),
            commits: Vec::new(),
            files,
        };
        let parallel = analyze(&change, Mode::Scan);
        let keywords: Vec<&str> = REGISTRY
            .iter()
            .flat_map(|r| r.keywords.iter().copied())
            .collect();
        let prefilter = Prefilter::new(&keywords);
        let mut single = Vec::new();
        for file in &change.files {
            analyze_file(&change, file, Mode::Scan, &prefilter, &mut single);
        }
        single.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
        });
        let key = |f: &Finding| (f.path.clone(), f.line, f.rule, f.message.clone());
        assert!(parallel.iter().any(|f| f.rule == "IDG101"));
        assert!(parallel.iter().any(|f| f.rule == "IDG102"));
        assert_eq!(
            parallel.iter().map(key).collect::<Vec<_>>(),
            single.iter().map(key).collect::<Vec<_>>()
        );
    }
}

//! The labelled corpus format and its evaluation (no I/O: callers hand in file texts).
//!
//! A corpus is a set of cases. A case is one file (judged as `idgate scan` judges it) or a
//! before/after pair (judged as `idgate check` judges a change). Labels are comments in the
//! (after) file:
//!
//! - `expect: <rule-name>`: that rule must report on this line (a comment on its own line applies
//!   to the next code line, a trailing comment to its own line);
//! - `ok: <rule-name>`: a near miss — that rule must stay quiet on this line;
//! - a category id (`expect: authz-bypass`, `ok: token-lifetime`) in place of a rule name: any
//!   rule of that category counts. A corpus written independently of the rules labels this way.
//!
//! A first line `idgate-fixture-path: <path>` judges the case as if it lived at that path (test
//! and docs paths). Every finding on a line without an `expect:` for its rule is a false positive.
//! The rule fixtures in `crates/idgate_rules/resources/fixtures/` are written in this format and
//! are the project's own labelled corpus.

use std::collections::{BTreeMap, BTreeSet};

use idgate_core::{Category, ChangeSet, ChangeSource, FileChange, FileStatus, Finding, Hunk};

use crate::engine::{Mode, analyze};
use crate::registry::find_rule;

/// A label that does not parse or applies to nothing.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LabelError {
    /// `expect:` or `ok:` followed by something that is not a rule name.
    #[error("line {line}: bad label {text:?} (want `expect: <rule-name>` or `ok: <rule-name>`)")]
    Malformed {
        /// 1-based line.
        line: u32,
        /// The comment text.
        text: String,
    },
    /// A label names neither a rule nor a category.
    #[error("line {line}: label names no rule or category: {rule:?}")]
    UnknownRule {
        /// 1-based line.
        line: u32,
        /// The name given.
        rule: String,
    },
    /// A label on the last lines with no code line after it.
    #[error("a label at the end of the file applies to no line")]
    Dangling,
}

/// The labels of one file: (line, rule name) pairs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Lines where a rule must report.
    pub expect: BTreeSet<(u32, String)>,
    /// Lines where a rule must stay quiet.
    pub ok: BTreeSet<(u32, String)>,
}

/// Read the labels of `text`.
pub fn labels(text: &str) -> Result<Labels, LabelError> {
    let mut out = Labels::default();
    let mut pending: Vec<(bool, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let trimmed = line.trim_start();
        let comment = ["#", "//"].iter().find_map(|m| {
            line.find(&format!("{m} expect:"))
                .or(line.find(&format!("{m} ok:")))
        });
        let own_line = trimmed.starts_with('#') || trimmed.starts_with("//");
        if let Some(at) = comment {
            let body = line[at..].trim_start_matches(['#', '/', ' ']);
            let (is_expect, rule) = match body.split_once(':') {
                Some(("expect", r)) => (true, r.trim().to_string()),
                Some(("ok", r)) => (false, r.trim().to_string()),
                _ => {
                    return Err(LabelError::Malformed {
                        line: line_no,
                        text: body.to_string(),
                    });
                }
            };
            if rule.is_empty() || rule.contains(char::is_whitespace) {
                return Err(LabelError::Malformed {
                    line: line_no,
                    text: body.to_string(),
                });
            }
            if find_rule(&rule).is_none() && Category::from_id(&rule).is_none() {
                return Err(LabelError::UnknownRule {
                    line: line_no,
                    rule,
                });
            }
            if own_line {
                pending.push((is_expect, rule));
                continue;
            }
            let set = if is_expect {
                &mut out.expect
            } else {
                &mut out.ok
            };
            set.insert((line_no, rule));
        }
        if own_line || trimmed.is_empty() {
            continue;
        }
        for (is_expect, rule) in pending.drain(..) {
            let set = if is_expect {
                &mut out.expect
            } else {
                &mut out.ok
            };
            set.insert((line_no, rule));
        }
    }
    if pending.is_empty() {
        Ok(out)
    } else {
        Err(LabelError::Dangling)
    }
}

/// One labelled case.
#[derive(Debug, Clone)]
pub struct Case {
    /// A name for reports (usually the file name).
    pub name: String,
    /// The path the case is judged at.
    pub path: String,
    /// The old text, for a before/after pair.
    pub before: Option<String>,
    /// The (new) text, holding the labels.
    pub after: String,
}

impl Case {
    /// A case from a file name and texts; the path comes from an `idgate-fixture-path:` first
    /// line, else `src/<file name>` with `.after.` dropped.
    pub fn new(name: &str, before: Option<String>, after: String) -> Case {
        let first = after.lines().next().unwrap_or("");
        let path = match first.split_once("idgate-fixture-path:") {
            Some((_, p)) => p.trim().to_string(),
            None => format!("src/{name}").replace(".after.", "."),
        };
        Case {
            name: name.to_string(),
            path,
            before,
            after,
        }
    }

    /// The change set the engine judges for this case.
    pub fn change(&self) -> ChangeSet {
        let hunks: Vec<Hunk> =
            idgate_core::line_hunks(self.before.as_deref().unwrap_or(""), &self.after);
        let status = if self.before.is_some() {
            FileStatus::Modified
        } else {
            FileStatus::Scanned
        };
        ChangeSet {
            source: ChangeSource::Scan {
                paths: vec![self.path.clone()],
            },
            base: None,
            head: None,
            digest: String::new(),
            commits: Vec::new(),
            files: vec![FileChange {
                path: self.path.clone(),
                old_path: None,
                status,
                old_text: self.before.clone(),
                new_text: Some(self.after.clone()),
                hunks,
                skipped: None,
                notes: Vec::new(),
                partial: false,
            }],
        }
    }

    /// The findings of the engine on this case.
    pub fn findings(&self) -> Vec<Finding> {
        let mode = if self.before.is_some() {
            Mode::Check
        } else {
            Mode::Scan
        };
        analyze(&self.change(), mode)
    }
}

/// Counts for one group (a category, a language, a rule).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Labelled findings that were reported.
    pub true_positives: u32,
    /// Findings on lines with no `expect:` for their rule.
    pub false_positives: u32,
    /// `expect:` labels with no finding.
    pub false_negatives: u32,
    /// `ok:` labels (near misses).
    pub near_misses: u32,
    /// Near misses that were reported anyway (also counted as false positives).
    pub near_misses_reported: u32,
}

impl Counts {
    /// TP / (TP + FP); 1.0 when nothing was reported.
    pub fn precision(&self) -> f64 {
        let d = self.true_positives + self.false_positives;
        if d == 0 {
            1.0
        } else {
            f64::from(self.true_positives) / f64::from(d)
        }
    }

    /// TP / (TP + FN); 1.0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        let d = self.true_positives + self.false_negatives;
        if d == 0 {
            1.0
        } else {
            f64::from(self.true_positives) / f64::from(d)
        }
    }

    fn add(&mut self, o: Counts) {
        self.true_positives += o.true_positives;
        self.false_positives += o.false_positives;
        self.false_negatives += o.false_negatives;
        self.near_misses += o.near_misses;
        self.near_misses_reported += o.near_misses_reported;
    }
}

/// The evaluation of a corpus.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Evaluation {
    /// Number of cases.
    pub cases: u32,
    /// Cases that are before/after pairs.
    pub pairs: u32,
    /// Cases with no `expect:` label (benign cases).
    pub benign_cases: u32,
    /// Benign cases on which nothing counting (above `note`) was reported.
    pub benign_clean: u32,
    /// By kind of case: `state` (one file, judged as `scan` does) and `drift` (a before/after
    /// pair, judged as `check` does).
    pub by_mode: BTreeMap<String, Counts>,
    /// Benign before/after pairs (no `expect:`).
    pub drift_benign_cases: u32,
    /// Benign pairs on which nothing counting was reported.
    pub drift_benign_clean: u32,
    /// By category id.
    pub by_category: BTreeMap<String, Counts>,
    /// By language id.
    pub by_language: BTreeMap<String, Counts>,
    /// By rule name.
    pub by_rule: BTreeMap<String, Counts>,
    /// All together.
    pub total: Counts,
    /// Each miss and false alarm, for reading (`case:line rule`).
    pub mistakes: Vec<String>,
}

/// Score `cases`. Identity-surface notes are scored only where a case labels them.
pub fn evaluate(cases: &[Case]) -> Result<Evaluation, (String, LabelError)> {
    let mut eval = Evaluation::default();
    for case in cases {
        let labels = labels(&case.after).map_err(|e| (case.name.clone(), e))?;
        let language = idgate_lang::detect(&case.path, case.after.lines().next())
            .map_or("other", |l| l.id())
            .to_string();
        let labelled_rules: BTreeSet<&str> = labels
            .expect
            .iter()
            .chain(&labels.ok)
            .map(|(_, r)| r.as_str())
            .collect();
        let findings: Vec<Finding> = case
            .findings()
            .into_iter()
            .filter(|f| {
                f.category != idgate_core::Category::IdentitySurface
                    || labelled_rules.contains(f.name)
            })
            .collect();
        eval.cases += 1;
        eval.pairs += u32::from(case.before.is_some());
        let mode = if case.before.is_some() {
            "drift"
        } else {
            "state"
        };
        if labels.expect.is_empty() {
            let clean = u32::from(!findings.iter().any(|f| f.level.counts()));
            eval.benign_cases += 1;
            eval.benign_clean += clean;
            if case.before.is_some() {
                eval.drift_benign_cases += 1;
                eval.drift_benign_clean += clean;
            }
        }
        let matches = |f: &Finding, line: u32, label: &str| {
            f.line == line && (f.name == label || f.category.id() == label)
        };
        let mut record = |label: &str, c: Counts| {
            let category = find_rule(label)
                .map(|r| r.category.id())
                .or_else(|| Category::from_id(label).map(|c| c.id()))
                .unwrap_or("unknown");
            eval.by_category
                .entry(category.to_string())
                .or_default()
                .add(c);
            eval.by_language.entry(language.clone()).or_default().add(c);
            eval.by_mode.entry(mode.to_string()).or_default().add(c);
            if find_rule(label).is_some() {
                eval.by_rule.entry(label.to_string()).or_default().add(c);
            }
            eval.total.add(c);
        };
        for (line, label) in &labels.expect {
            if findings.iter().any(|f| matches(f, *line, label)) {
                record(
                    label,
                    Counts {
                        true_positives: 1,
                        ..Counts::default()
                    },
                );
            } else {
                record(
                    label,
                    Counts {
                        false_negatives: 1,
                        ..Counts::default()
                    },
                );
                eval.mistakes
                    .push(format!("{}:{line} missed {label}", case.name));
            }
        }
        let found: BTreeSet<(u32, &str)> = findings.iter().map(|f| (f.line, f.name)).collect();
        for (line, name) in found {
            let expected = labels.expect.iter().any(|(l, label)| {
                findings
                    .iter()
                    .any(|f| f.line == line && f.name == name && matches(f, *l, label))
            });
            if expected {
                continue;
            }
            record(
                name,
                Counts {
                    false_positives: 1,
                    ..Counts::default()
                },
            );
            let message = findings
                .iter()
                .find(|f| f.line == line && f.name == name)
                .map_or(String::new(), |f| format!(": {}", f.message));
            eval.mistakes
                .push(format!("{}:{line} false alarm {name}{message}", case.name));
        }
        for (line, label) in &labels.ok {
            let hit = findings.iter().any(|f| matches(f, *line, label));
            record(
                label,
                Counts {
                    near_misses: 1,
                    near_misses_reported: u32::from(hit),
                    ..Counts::default()
                },
            );
        }
    }
    Ok(eval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_apply_to_the_next_code_line_or_their_own() {
        let l = labels(
            "import jwt\n# expect: pyjwt-verification-disabled\n\njwt.decode(t, verify=False)\nx = 1  # ok: pyjwt-verification-disabled\n",
        )
        .unwrap();
        assert!(
            l.expect
                .contains(&(4, "pyjwt-verification-disabled".into()))
        );
        assert!(l.ok.contains(&(5, "pyjwt-verification-disabled".into())));
    }

    #[test]
    fn bad_labels_are_errors() {
        assert!(matches!(
            labels("# expect: no-such-rule\nx\n"),
            Err(LabelError::UnknownRule { line: 1, .. })
        ));
        assert_eq!(
            labels("x\n# expect: pyjwt-verification-disabled\n"),
            Err(LabelError::Dangling)
        );
        assert!(matches!(
            labels("# expect:\nx\n"),
            Err(LabelError::Malformed { line: 1, .. })
        ));
    }

    #[test]
    fn evaluation_counts_hits_misses_and_false_alarms() {
        let hit = Case::new(
            "a.py",
            None,
            "import jwt\n# expect: pyjwt-verification-disabled\njwt.decode(t, options={'verify_signature': False})\n".into(),
        );
        let miss = Case::new(
            "b.py",
            None,
            "import jwt\n# expect: pyjwt-verification-disabled\nx = 1\n".into(),
        );
        let alarm = Case::new(
            "c.py",
            None,
            "import jwt\njwt.decode(t, verify=False)\n".into(),
        );
        let eval = evaluate(&[hit, miss, alarm]).unwrap();
        let c = eval.by_category["token-verification"];
        assert_eq!(
            (c.true_positives, c.false_negatives, c.false_positives),
            (1, 1, 1)
        );
        assert_eq!(eval.benign_cases, 1);
        assert_eq!(eval.benign_clean, 0);
        assert_eq!(eval.mistakes.len(), 2);
        assert!((c.precision() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn category_labels_match_any_rule_of_the_category() {
        let case = Case::new(
            "a.py",
            None,
            "import jwt\n# expect: token-verification\nc = jwt.decode(t, options={'verify_signature': False})\nd = jwt.decode(t, k, algorithms=['RS256'])  # ok: token-verification\n".into(),
        );
        let eval = evaluate(&[case]).unwrap();
        let c = eval.by_category["token-verification"];
        assert_eq!(
            (c.true_positives, c.false_positives, c.near_misses_reported),
            (1, 0, 0)
        );
        assert!(eval.by_rule.is_empty() || !eval.by_rule.contains_key("token-verification"));
    }
}

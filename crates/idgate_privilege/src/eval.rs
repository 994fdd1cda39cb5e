//! Scoring on a labelled corpus of configuration changes (no I/O: the caller loads the cases).
//!
//! A case is a before/after pair and what it must raise, or nothing for a benign change. An
//! expectation is a rule code (`IDG303`), a rule name (`rbac-secret-read`) or a category id
//! (`privilege-escalation`); it is met by any counting finding with that code, name or category.
//! Recall counts the expected (case, rule) pairs that were raised; the benign-clean rate counts
//! benign cases that raised no finding that counts (level warning or error). An error on a case
//! counts as a miss (positive) or as not clean (benign).

use crate::diff;
use std::collections::BTreeMap;

/// One labelled change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Case name (folder name).
    pub name: String,
    /// Format group for the scores (`rbac`, `iam`, `terraform`, `gha`).
    pub group: String,
    /// The path the file is judged under (decides the format).
    pub path: String,
    /// Old text, `None` for an added file.
    pub before: Option<String>,
    /// New text, `None` for a deleted file.
    pub after: Option<String>,
    /// Rule codes that must be raised; empty for a benign change.
    pub expected: Vec<String>,
}

/// Scores of one format group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupScore {
    /// The group.
    pub group: String,
    /// Cases with expected findings.
    pub positive_cases: usize,
    /// Expected (case, rule) pairs.
    pub expected: usize,
    /// Expected pairs that were raised.
    pub found: usize,
    /// Benign cases.
    pub benign: usize,
    /// Benign cases with no counting finding.
    pub benign_clean: usize,
}

impl GroupScore {
    /// found / expected (1.0 when nothing is expected).
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }

    /// benign_clean / benign (1.0 when there are no benign cases).
    pub fn benign_clean_rate(&self) -> f64 {
        if self.benign == 0 {
            1.0
        } else {
            self.benign_clean as f64 / self.benign as f64
        }
    }
}

/// What went wrong on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// Case name.
    pub case: String,
    /// Expected rules not raised.
    pub missing: Vec<String>,
    /// Counting rules raised on a benign case.
    pub unexpected: Vec<String>,
    /// The error, if the diff failed.
    pub error: Option<String>,
}

/// Score every case; returns the per-group scores (sorted by group) and the misses.
pub fn evaluate(cases: &[Case]) -> (Vec<GroupScore>, Vec<Miss>) {
    let mut groups: BTreeMap<String, GroupScore> = BTreeMap::new();
    let mut misses = Vec::new();
    for c in cases {
        let g = groups.entry(c.group.clone()).or_insert_with(|| GroupScore {
            group: c.group.clone(),
            ..GroupScore::default()
        });
        let result = diff(&c.path, c.before.as_deref(), c.after.as_deref());
        let (raised, error): (Vec<[&'static str; 3]>, Option<String>) = match &result {
            Ok(r) => (
                r.findings
                    .iter()
                    .filter(|f| f.level.counts())
                    .map(|f| [f.rule, f.name, f.category.id()])
                    .collect(),
                None,
            ),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        if c.expected.is_empty() {
            g.benign += 1;
            if raised.is_empty() && error.is_none() {
                g.benign_clean += 1;
            } else {
                let mut unexpected: Vec<String> = raised.iter().map(|s| s[0].to_string()).collect();
                unexpected.dedup();
                misses.push(Miss {
                    case: c.name.clone(),
                    missing: Vec::new(),
                    unexpected,
                    error,
                });
            }
        } else {
            g.positive_cases += 1;
            g.expected += c.expected.len();
            let missing: Vec<String> = c
                .expected
                .iter()
                .filter(|e| !raised.iter().any(|r| r.contains(&e.as_str())))
                .cloned()
                .collect();
            g.found += c.expected.len() - missing.len();
            if !missing.is_empty() {
                misses.push(Miss {
                    case: c.name.clone(),
                    missing,
                    unexpected: Vec::new(),
                    error,
                });
            }
        }
    }
    (groups.into_values().collect(), misses)
}

/// The scores as a text table with a total line.
pub fn render(scores: &[GroupScore]) -> String {
    let mut out = String::from("format      cases  benign  recall  benign-clean\n");
    let mut total = GroupScore {
        group: "total".into(),
        ..GroupScore::default()
    };
    for s in scores {
        total.positive_cases += s.positive_cases;
        total.expected += s.expected;
        total.found += s.found;
        total.benign += s.benign;
        total.benign_clean += s.benign_clean;
        out.push_str(&line(s));
    }
    out.push_str(&line(&total));
    out
}

fn line(s: &GroupScore) -> String {
    format!(
        "{:<10} {:>6} {:>7} {:>7.3} {:>13.3}\n",
        s.group,
        s.positive_cases + s.benign,
        s.benign,
        s.recall(),
        s.benign_clean_rate()
    )
}

//! Scoring the detector against a labelled corpus (`corpus/labelled.txt`, or any file in its
//! format): one line per case, `<tp|fp>\t<kind or ->\t<template>`, where the template holds
//! synthetic token patterns (`«…»`, see [`crate::synth`]) expanded with a deterministic seed, so no
//! real credential ever sits in the corpus. `#` lines and blank lines are skipped.
//!
//! Provider recall counts positives of provider formats found as their own kind; generic recall
//! the same for `generic-*` kinds; precision counts lines where something was reported and it was
//! the labelled kind.

use crate::{scan, synth};

/// The corpus shipped with idgate.
pub const BUILT_IN_CORPUS: &str = include_str!("../corpus/labelled.txt");

/// Every corpus line is scanned as if it were in this file (a config file: bare values count).
const PATH: &str = "src/settings.conf";

/// One labelled case.
#[derive(Debug, Clone)]
pub struct Case<'a> {
    /// 1-based line in the corpus.
    pub line_no: usize,
    /// `tp` (a secret of `kind`) or `fp` (a near miss).
    pub positive: bool,
    /// The expected kind (for positives) or the kind it nearly is.
    pub kind: &'a str,
    /// The line, with synthetic token patterns.
    pub template: &'a str,
}

/// Parse a corpus; a malformed line is an error naming it.
pub fn cases(corpus: &str) -> Result<Vec<Case<'_>>, String> {
    let mut out = Vec::new();
    for (i, l) in corpus.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let mut parts = l.splitn(3, '\t');
        let label = parts.next().unwrap_or_default();
        let kind = parts.next().unwrap_or_default();
        let Some(template) = parts.next() else {
            return Err(format!("line {}: need 3 tab-separated columns", i + 1));
        };
        if label != "tp" && label != "fp" {
            return Err(format!(
                "line {}: label must be tp or fp, not {label:?}",
                i + 1
            ));
        }
        out.push(Case {
            line_no: i + 1,
            positive: label == "tp",
            kind,
            template,
        });
    }
    Ok(out)
}

/// The (kind, rule) pairs reported for a case with the given draw of its synthetic tokens. The
/// expanded line never leaves this function.
pub fn reported(case: &Case<'_>, draw: u64) -> Vec<(&'static str, &'static str)> {
    let text = synth::expand(case.template, case.line_no as u64 + draw * 100_000);
    scan(PATH, &text, None)
        .into_iter()
        .map(|s| (s.kind, s.rule))
        .collect()
}

/// Scores of one run.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Cases in the corpus.
    pub cases: usize,
    /// Positive and near-miss cases.
    pub positives: usize,
    /// Near misses.
    pub negatives: usize,
    /// Provider recall and its counts.
    pub provider_recall: f64,
    /// Provider positives found.
    pub provider_found: usize,
    /// Provider positives.
    pub provider_total: usize,
    /// Generic recall.
    pub generic_recall: f64,
    /// Precision and its counts.
    pub precision: f64,
    /// Lines where what was reported was the labelled kind.
    pub correct: usize,
    /// Lines where something else (or anything, for near misses) was reported.
    pub wrong: usize,
    /// Missed positives, one sentence each (templates only, never an expanded token).
    pub misses: Vec<String>,
    /// Near misses that were reported.
    pub false_alarms: Vec<String>,
}

impl Scores {
    /// The one-line summary.
    pub fn summary(&self) -> String {
        format!(
            "corpus: {} lines ({} tp, {} fp); provider recall {:.3} ({}/{}); generic recall {:.3}; precision {:.3} ({}/{})",
            self.cases,
            self.positives,
            self.negatives,
            self.provider_recall,
            self.provider_found,
            self.provider_total,
            self.generic_recall,
            self.precision,
            self.correct,
            self.correct + self.wrong
        )
    }
}

/// Score the detector on `corpus` with the `draw`-th expansion of its synthetic tokens.
pub fn evaluate(corpus: &str, draw: u64) -> Result<Scores, String> {
    let cases = cases(corpus)?;
    let (mut positives, mut negatives) = (0, 0);
    let (mut provider_total, mut provider_found) = (0usize, 0usize);
    let (mut generic_total, mut generic_found) = (0usize, 0usize);
    let (mut correct, mut wrong) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for case in &cases {
        let got = reported(case, draw);
        if case.positive {
            positives += 1;
            let hit = got.iter().any(|(k, _)| *k == case.kind);
            if case.kind.starts_with("generic-") {
                generic_total += 1;
                generic_found += usize::from(hit);
            } else {
                provider_total += 1;
                provider_found += usize::from(hit);
            }
            if !got.is_empty() {
                if hit {
                    correct += 1;
                } else {
                    wrong += 1;
                }
            }
            if !hit {
                misses.push(format!(
                    "line {} ({}): got {:?}: {}",
                    case.line_no, case.kind, got, case.template
                ));
            }
        } else {
            negatives += 1;
            if !got.is_empty() {
                wrong += 1;
                false_alarms.push(format!(
                    "line {} ({}): got {:?}: {}",
                    case.line_no, case.kind, got, case.template
                ));
            }
        }
    }
    Ok(Scores {
        cases: cases.len(),
        positives,
        negatives,
        provider_recall: provider_found as f64 / provider_total.max(1) as f64,
        provider_found,
        provider_total,
        generic_recall: generic_found as f64 / generic_total.max(1) as f64,
        precision: correct as f64 / (correct + wrong).max(1) as f64,
        correct,
        wrong,
        misses,
        false_alarms,
    })
}

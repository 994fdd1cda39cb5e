//! The labelled corpus (`corpus/labelled.txt`): recall on provider formats, overall precision,
//! and per-format coverage (every format has a positive and a near miss).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeMap, BTreeSet};

use idgate_secrets::{formats, scan, synth};

const CORPUS: &str = include_str!("../corpus/labelled.txt");
/// Every corpus line is scanned as if it were in this file (a config file: bare values count).
const PATH: &str = "src/settings.conf";

struct Row {
    line_no: usize,
    positive: bool,
    kind: &'static str,
    template: &'static str,
}

fn rows() -> Vec<Row> {
    CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut parts = l.splitn(3, '\t');
            let label = parts.next().unwrap_or_default();
            let kind = parts.next().unwrap_or_default();
            let template = parts
                .next()
                .unwrap_or_else(|| panic!("line {}: need 3 columns", i + 1));
            assert!(
                label == "tp" || label == "fp",
                "line {}: label must be tp or fp",
                i + 1
            );
            Row {
                line_no: i + 1,
                positive: label == "tp",
                kind,
                template,
            }
        })
        .collect()
}

/// The kinds reported for a row (the expanded line never leaves this function).
fn reported(row: &Row) -> Vec<(&'static str, &'static str)> {
    reported_with_seed(row, 0)
}

fn reported_with_seed(row: &Row, offset: u64) -> Vec<(&'static str, &'static str)> {
    let text = synth::expand(row.template, row.line_no as u64 + offset * 100_000);
    scan(PATH, &text, None)
        .into_iter()
        .map(|s| (s.kind, s.rule))
        .collect()
}

struct Scores {
    recall: f64,
    precision: f64,
    report: Vec<String>,
}

#[test]
fn corpus_scores() {
    let s = scores(0);
    for line in &s.report {
        println!("{line}");
    }
    assert!(s.recall >= 0.95, "provider recall {:.3} < 0.95", s.recall);
    assert!(s.precision >= 0.95, "precision {:.3} < 0.95", s.precision);
}

const DRAWS: u64 = 50;

/// The same corpus with other PRNG draws: thresholds must not depend on lucky tokens.
#[test]
fn corpus_scores_hold_for_other_draws() {
    let (mut worst_recall, mut worst_precision) = (1.0f64, 1.0f64);
    for offset in 1..=DRAWS {
        let s = scores(offset);
        if s.recall < 1.0 || s.precision < 1.0 {
            for line in s.report.iter().skip(1) {
                println!("draw {offset}: {line}");
            }
        }
        worst_recall = worst_recall.min(s.recall);
        worst_precision = worst_precision.min(s.precision);
    }
    println!(
        "{DRAWS} other draws: worst provider recall {worst_recall:.3}, worst precision {worst_precision:.3}"
    );
    assert!(worst_recall >= 0.95 && worst_precision >= 0.95);
}

fn scores(offset: u64) -> Scores {
    let rows = rows();
    let (mut tp_lines, mut fp_lines) = (0, 0);
    let (mut provider_pos, mut provider_hit) = (0usize, 0usize);
    let (mut generic_pos, mut generic_hit) = (0usize, 0usize);
    let (mut correct, mut wrong) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for row in &rows {
        let got = reported_with_seed(row, offset);
        if row.positive {
            tp_lines += 1;
            let hit = got.iter().any(|(k, _)| *k == row.kind);
            if row.kind.starts_with("generic-") {
                generic_pos += 1;
                generic_hit += usize::from(hit);
            } else {
                provider_pos += 1;
                provider_hit += usize::from(hit);
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
                    row.line_no, row.kind, got, row.template
                ));
            }
        } else {
            fp_lines += 1;
            if !got.is_empty() {
                wrong += 1;
                false_alarms.push(format!(
                    "line {} ({}): got {:?}: {}",
                    row.line_no, row.kind, got, row.template
                ));
            }
        }
    }
    let recall = provider_hit as f64 / provider_pos as f64;
    let generic_recall = generic_hit as f64 / generic_pos.max(1) as f64;
    let precision = correct as f64 / (correct + wrong).max(1) as f64;
    let mut report = vec![format!(
        "corpus: {} lines ({tp_lines} tp, {fp_lines} fp); provider recall {recall:.3} ({provider_hit}/{provider_pos}); generic recall {generic_recall:.3} ({generic_hit}/{generic_pos}); precision {precision:.3} ({correct}/{})",
        rows.len(),
        correct + wrong
    )];
    report.extend(misses.into_iter().map(|m| format!("missed {m}")));
    report.extend(false_alarms.into_iter().map(|m| format!("false alarm {m}")));
    assert!(rows.len() >= 300, "corpus too small");
    assert!(fp_lines >= 150, "need at least 150 near misses");
    Scores {
        recall,
        precision,
        report,
    }
}

#[test]
fn every_format_has_a_positive_and_a_near_miss() {
    let rows = rows();
    let mut pos: BTreeMap<&str, usize> = BTreeMap::new();
    let mut neg: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules_fired: BTreeSet<&str> = BTreeSet::new();
    for row in &rows {
        let map = if row.positive { &mut pos } else { &mut neg };
        *map.entry(row.kind).or_default() += 1;
        if row.positive {
            rules_fired.extend(reported(row).into_iter().map(|(_, r)| r));
        }
    }
    let mut problems = Vec::new();
    for f in formats() {
        if f.generic {
            if !rules_fired.contains(f.rule) {
                problems.push(format!(
                    "{} ({}): never fires on a positive",
                    f.rule, f.kind
                ));
            }
            continue;
        }
        if !pos.contains_key(f.kind) {
            problems.push(format!("{} ({}): no positive", f.rule, f.kind));
        }
        if !neg.contains_key(f.kind) {
            problems.push(format!("{} ({}): no near miss", f.rule, f.kind));
        }
        if !rules_fired.contains(f.rule) {
            problems.push(format!(
                "{} ({}): never fires on a positive",
                f.rule, f.kind
            ));
        }
    }
    let known: BTreeSet<&str> = formats().iter().map(|f| f.kind).collect();
    for kind in pos.keys().chain(neg.keys()) {
        if *kind != "-" && !kind.starts_with("generic-") && !known.contains(kind) {
            problems.push(format!("corpus names unknown kind {kind}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let provider = formats().iter().filter(|f| !f.generic).count();
    println!("{provider} provider formats, each with a positive and a near miss");
    assert!(provider >= 120);
}

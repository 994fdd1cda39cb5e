//! `idgate eval`: score the rules on a labelled corpus (reads the folder, the library scores).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use idgate_rules::corpus::{Case, Counts, Evaluation, evaluate};

use crate::cli::{EvalArgs, EvalFormat};

pub(crate) fn run(args: &EvalArgs) -> Result<u8> {
    let cases = load(&args.corpus)?;
    if cases.is_empty() {
        bail!("no labelled cases in {}", args.corpus.display());
    }
    let eval = evaluate(&cases).map_err(|(case, e)| {
        anyhow::anyhow!("bad label in {}/{case}: {e}", args.corpus.display())
    })?;
    match args.format {
        EvalFormat::Text => print!("{}", render(&eval, args.verbose)),
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&eval)?),
    }
    let below = eval
        .by_category
        .values()
        .any(|c| c.recall() < args.min_recall || c.precision() < args.min_precision);
    Ok(u8::from(below))
}

/// Every case under `dir`, sorted by path: plain files, and `.after.` files with their `.before.`
/// twin. Snapshots and READMEs are not cases.
fn load(dir: &Path) -> Result<Vec<Case>> {
    let mut files = Vec::new();
    walk(dir, &mut files).with_context(|| format!("cannot read corpus {}", dir.display()))?;
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.contains(".before.") || name.ends_with(".snap") || name.starts_with("README") {
            continue;
        }
        let read = |p: &Path| {
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
        };
        let after = read(&file)?;
        let before = if name.contains(".after.") {
            let twin = file.with_file_name(name.replace(".after.", ".before."));
            Some(read(&twin).with_context(|| format!("{} has no .before. twin", file.display()))?)
        } else {
            None
        };
        let shown = file
            .strip_prefix(dir)
            .unwrap_or(&file)
            .display()
            .to_string();
        let mut case = Case::new(&name, before, after);
        case.name = shown;
        cases.push(case);
    }
    Ok(cases)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn render(eval: &Evaluation, verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} cases ({} before/after pairs); benign cases clean: {}/{} ({:.3})\n",
        eval.cases,
        eval.pairs,
        eval.benign_clean,
        eval.benign_cases,
        ratio(eval.benign_clean, eval.benign_cases)
    );
    let _ = writeln!(
        out,
        "drift (before/after pairs): benign pairs clean: {}/{} ({:.3})\n",
        eval.drift_benign_clean,
        eval.drift_benign_cases,
        ratio(eval.drift_benign_clean, eval.drift_benign_cases)
    );
    table(&mut out, "mode", &eval.by_mode);
    table(&mut out, "category", &eval.by_category);
    table(&mut out, "language", &eval.by_language);
    table(&mut out, "rule", &eval.by_rule);
    let t = eval.total;
    let _ = writeln!(
        out,
        "total: precision {:.3}, recall {:.3} ({} true positives, {} false positives, {} missed; {} near misses, {} reported)",
        t.precision(),
        t.recall(),
        t.true_positives,
        t.false_positives,
        t.false_negatives,
        t.near_misses,
        t.near_misses_reported
    );
    if verbose {
        for m in &eval.mistakes {
            let _ = writeln!(out, "  {m}");
        }
    }
    out
}

fn table(out: &mut String, what: &str, rows: &std::collections::BTreeMap<String, Counts>) {
    let _ = writeln!(
        out,
        "| {what:<34} | precision | recall |  TP |  FP |  FN | near misses |"
    );
    let _ = writeln!(
        out,
        "|{}|----------:|-------:|----:|----:|----:|------------:|",
        "-".repeat(36)
    );
    for (name, c) in rows {
        let _ = writeln!(
            out,
            "| {name:<34} | {:>9.3} | {:>6.3} | {:>3} | {:>3} | {:>3} | {:>11} |",
            c.precision(),
            c.recall(),
            c.true_positives,
            c.false_positives,
            c.false_negatives,
            c.near_misses
        );
    }
    out.push('\n');
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

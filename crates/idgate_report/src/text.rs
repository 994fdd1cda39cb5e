//! Text for people: one block per finding with a code frame, then skipped files and the verdict.

use std::fmt::Write;

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer, Snippet};
use idgate_core::{ChangeSource, Decision, Level};

use crate::{Report, short};

/// Render the text report. `color` adds ANSI styles (callers decide: terminal and `NO_COLOR`).
pub fn render(report: &Report<'_>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let change = report.change;
    let what = match &change.source {
        ChangeSource::Range { .. } => format!(
            "{}..{}",
            change.base.as_deref().map_or("(empty tree)", short),
            change.head.as_deref().map_or("?", short)
        ),
        ChangeSource::Staged => "staged changes".into(),
        ChangeSource::Worktree => "working tree".into(),
        ChangeSource::Patch { name } => format!("patch {name}"),
        ChangeSource::Scan { paths } => paths.join(" "),
    };
    let _ = writeln!(
        out,
        "idgate {}: {what} ({} commit{}, {} file{})",
        report.command,
        change.commits.len(),
        if change.commits.len() == 1 { "" } else { "s" },
        change.files.len(),
        if change.files.len() == 1 { "" } else { "s" },
    );
    for p in report.provenance {
        let who = match &p.agent {
            Some(a) => format!("{} ({a})", actor_name(p.actor)),
            None => actor_name(p.actor).to_string(),
        };
        let _ = writeln!(out, "  commit {} by {who}", short(&p.commit));
    }
    out.push('\n');

    for f in report.findings {
        let level = match f.level {
            Level::Error => SnippetLevel::ERROR,
            Level::Warning => SnippetLevel::WARNING,
            Level::Note => SnippetLevel::NOTE,
        };
        let title = format!("{}: {}", f.name, f.message);
        let start = f.line.saturating_sub(1).max(1);
        let end = f.end_line + 1;
        let snippet = report.snippet_redacted(f, start, end);
        let mut notes = Vec::new();
        if f.before.is_some() || f.after.is_some() {
            notes.push(format!(
                "before: {}",
                f.before
                    .as_deref()
                    .unwrap_or("(not found in the old version)")
            ));
            notes.push(format!("after:  {}", f.after.as_deref().unwrap_or("-")));
        }
        if let Some(c) = &f.commit {
            let who = report
                .provenance_of(c)
                .map(|p| match &p.agent {
                    Some(a) => format!(" by {a} ({})", actor_name(p.actor)),
                    None => format!(" by {}", actor_name(p.actor)),
                })
                .unwrap_or_default();
            notes.push(format!("commit {}{who}", short(c)));
        }
        if let Some(a) = &f.attribution
            && a.source != "none"
        {
            let who = match &a.agent {
                Some(agent) => format!("{} ({agent})", actor_name(a.actor)),
                None => actor_name(a.actor).to_string(),
            };
            notes.push(format!("line written by {who}, per {}", a.source));
        }
        let cwes: Vec<String> = f.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        if cwes.is_empty() {
            notes.push(f.category.id().to_string());
        } else {
            notes.push(format!("{} · {}", f.category.id(), cwes.join(", ")));
        }
        let rendered =
            match &snippet {
                Some((src, redacted)) => {
                    // A redacted line is shorter than the original: mark the whole line
                    // instead of columns that no longer exist.
                    let column = if *redacted { 1 } else { f.column };
                    let (from, to) = span(src, f.line - start, column, f.end_line - start);
                    let group = level.primary_title(&title).id(f.rule).element(
                        Snippet::source(src.as_str())
                            .line_start(start as usize)
                            .path(f.path.as_str())
                            .annotation(AnnotationKind::Primary.span(from..to)),
                    );
                    let mut groups = vec![group];
                    groups.extend(notes.iter().map(|n| {
                        Group::with_title(SnippetLevel::NOTE.secondary_title(n.as_str()))
                    }));
                    renderer.render(&groups)
                }
                None => {
                    let mut groups =
                        vec![Group::with_title(level.primary_title(&title).id(f.rule))];
                    let loc = format!("at {}:{}:{}", f.path, f.line, f.column);
                    groups.push(Group::with_title(SnippetLevel::NOTE.secondary_title(loc)));
                    groups.extend(notes.iter().map(|n| {
                        Group::with_title(SnippetLevel::NOTE.secondary_title(n.as_str()))
                    }));
                    renderer.render(&groups)
                }
            };
        out.push_str(&rendered);
        out.push_str("\n\n");
    }

    let skipped: Vec<String> = change
        .files
        .iter()
        .filter_map(|f| {
            f.skipped.as_ref().map(|s| {
                let why = match s {
                    idgate_core::SkipReason::Binary => "binary".to_string(),
                    idgate_core::SkipReason::TooLarge { size, limit } => {
                        format!("{size} bytes, over the {limit}-byte cap")
                    }
                    idgate_core::SkipReason::Submodule => "submodule".to_string(),
                    idgate_core::SkipReason::Symlink => "symbolic link".to_string(),
                };
                format!("  skipped {} ({why})", f.path)
            })
        })
        .collect();
    let lossy: Vec<String> = change
        .files
        .iter()
        .filter(|f| f.notes.contains(&idgate_core::FileNote::InvalidUtf8))
        .map(|f| format!("  {} is not valid UTF-8; read lossily", f.path))
        .collect();
    if !skipped.is_empty() || !lossy.is_empty() {
        out.push_str("notes:\n");
        for l in skipped.iter().chain(&lossy) {
            out.push_str(l);
            out.push('\n');
        }
        out.push('\n');
    }

    let counting = report.findings.iter().filter(|f| f.level.counts()).count();
    let _ = writeln!(
        out,
        "{} finding{} ({} counting)",
        report.findings.len(),
        if report.findings.len() == 1 { "" } else { "s" },
        counting
    );
    let v = report.verdict;
    let decision = match v.decision {
        Decision::Allow => "ALLOW",
        Decision::Review => "REVIEW",
        Decision::Block => "BLOCK",
    };
    let styled = if color {
        let style = match v.decision {
            Decision::Allow => anstyle::AnsiColor::Green.on_default().bold(),
            Decision::Review => anstyle::AnsiColor::Yellow.on_default().bold(),
            Decision::Block => anstyle::AnsiColor::Red.on_default().bold(),
        };
        format!("{style}{decision}{style:#}")
    } else {
        decision.to_string()
    };
    let _ = writeln!(out, "verdict: {styled}");
    for r in &v.reasons {
        let _ = writeln!(out, "  - {r}");
    }
    for a in &v.approvals {
        let _ = writeln!(out, "  approved by {a}");
    }
    for w in &v.waivers {
        let _ = writeln!(out, "  waived: {w}");
    }
    if !v.obligations.is_empty() {
        out.push_str("  to merge:\n");
        for o in &v.obligations {
            let _ = writeln!(out, "  - [{}] {}", o.kind, o.description);
        }
    }
    out
}

/// Byte span in the snippet for (0-based line offset, 1-based column) to the end of `end_offset`.
fn span(src: &str, line_offset: u32, column: u32, end_offset: u32) -> (usize, usize) {
    let mut starts = vec![0];
    starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
    let line_start = starts.get(line_offset as usize).copied().unwrap_or(0);
    let line = &src[line_start..];
    let from = line_start
        + line
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(0, |(i, _)| i);
    let end_line_start = starts
        .get(end_offset as usize)
        .copied()
        .unwrap_or(line_start);
    let end_line_end = src[end_line_start..]
        .find('\n')
        .map_or(src.len(), |i| end_line_start + i);
    let to = src[..end_line_end]
        .trim_end()
        .len()
        .max(from + 1)
        .min(src.len());
    (from, to.max(from))
}

fn actor_name(a: idgate_core::Actor) -> &'static str {
    a.as_str()
}

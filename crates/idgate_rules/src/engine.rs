//! Runs the rules over a change set.

use std::cell::OnceCell;
use std::collections::HashMap;

use idgate_core::{ChangeSet, FileChange, Finding, Fingerprint, Level};
use idgate_lang::{Prefilter, Source, detect, parse, parse_edited};
use idgate_secrets::Allowlist;
use rayon::prelude::*;

use crate::custom::CustomRule;
use crate::registry::{Hit, REGISTRY, Rule, RuleContext};
use crate::select::Selection;
use crate::surface;
use crate::syntax::decl::Decl;
use crate::syntax::facts::Facts;

/// How findings are selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only what the change introduced counts.
    Check,
    /// Everything in the new text counts (no diff).
    Scan,
}

/// How [`analyze_with`] runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The secrets allow-list (paths not scanned, fingerprints and values that are known test or
    /// example credentials); `None` for none.
    pub secrets: Option<&'a Allowlist>,
    /// A team's custom rules (from the base revision's `.idgate/rules`).
    pub custom: &'a [CustomRule],
    /// Analyse files on rayon's thread pool. The findings are the same, in the same order; leave
    /// it off where the caller already runs one analysis per thread (`history`).
    pub parallel: bool,
    /// Only these rules run (`--select`); `None` runs all.
    pub select: Option<&'a Selection>,
    /// Leave out the grant files' effective-permission diff: a caller that analyses a change set
    /// in parts runs [`grant_findings`] once over the grant files of all parts (a binding in one
    /// file can name a role in another).
    pub skip_grants: bool,
}

/// The findings of the grant files of `change` (RBAC manifests, IAM policies, Terraform,
/// workflows), judged as one set, sorted like [`analyze_with`]'s.
pub fn grant_findings(change: &ChangeSet, mode: Mode) -> Vec<Finding> {
    let mut findings = Vec::new();
    privilege(change, mode, &mut findings);
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
    findings
}

/// Run every applicable rule over every analysable file of `change`. Findings are sorted by path,
/// line and rule.
pub fn analyze(change: &ChangeSet, mode: Mode) -> Vec<Finding> {
    analyze_with(change, mode, Options::default())
}

/// [`analyze`] with a team's custom rules, an allow-list for secrets, and optionally in parallel.
pub fn analyze_with(change: &ChangeSet, mode: Mode, options: Options<'_>) -> Vec<Finding> {
    let keywords = &*KEYWORDS;
    let none = Allowlist::default();
    let allow = options.secrets.unwrap_or(&none);
    let all = Selection::all();
    let select = options.select.unwrap_or(&all);
    let custom: Vec<&CustomRule> = options
        .custom
        .iter()
        .filter(|c| select.selects(c.code, c.name, c.category))
        .collect();
    let one = |file: &FileChange| {
        let mut out = Vec::new();
        analyze_file(
            change, file, mode, keywords, &custom, allow, select, &mut out,
        );
        out
    };
    // Per-file results are collected in file order either way, so the stable sort below gives
    // the same list whatever the thread count.
    let per_file: Vec<Vec<Finding>> = if options.parallel && change.files.len() > 1 {
        change.files.par_iter().map(one).collect()
    } else {
        change.files.iter().map(one).collect()
    };
    let mut findings: Vec<Finding> = per_file.into_iter().flatten().collect();
    if !options.skip_grants && select.any_in(idgate_core::Category::OverPrivilege) {
        privilege(change, mode, &mut findings);
    }
    if !select.is_all() {
        findings.retain(|f| {
            crate::registry::find_rule(f.rule)
                .is_none_or(|r| select.selects(r.code, r.name, r.category))
        });
    }
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
    findings
}

#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn analyze_file(
    change: &ChangeSet,
    file: &FileChange,
    mode: Mode,
    keywords: &Keywords,
    custom: &[&CustomRule],
    allow: &Allowlist,
    select: &Selection,
    out: &mut Vec<Finding>,
) {
    if file.skipped.is_some() {
        return;
    }
    let surface_rule = &crate::rules::surface::identity_surface_changed::RULE;
    let surfaces = select.selects(surface_rule.code, surface_rule.name, surface_rule.category);
    let Some(new_text) = file.new_text.as_deref() else {
        // Deleted: nothing new to judge, but deleting identity code is a touch of its surface.
        if mode == Mode::Check && surfaces {
            surface::deleted_surfaces(change, file, out);
        }
        return;
    };
    // Secrets first: they matter in every text file, whatever its language.
    let secret_rule = &crate::rules::secrets::hardcoded_credential::RULE;
    if select.selects(secret_rule.code, secret_rule.name, secret_rule.category) {
        secrets(change, file, new_text, mode, allow, out);
    }
    // Nothing but the secret scanner selected (`--select hardcoded-secret`): no need to parse.
    if crate::paths::is_test_or_docs(&file.path) || (!surfaces && only_secrets(select, custom)) {
        return;
    }
    let Some(language) = detect(&file.path, new_text.lines().next()) else {
        return;
    };
    let old_text = file.old_text.as_deref().filter(|_| mode == Mode::Check);
    // A weakening removes code: the words that matter may be only in the old version.
    let mut hits = keywords.found(new_text);
    if let Some(old) = old_text {
        hits.extend(keywords.found(old));
        hits.sort_unstable();
        hits.dedup();
    }
    let rules: Vec<&Rule> = REGISTRY
        .iter()
        .copied()
        .filter(|r| r.languages.contains(&language) && wants(r, &hits))
        .filter(|r| !r.drift_only || old_text.is_some())
        .filter(|r| select.selects(r.code, r.name, r.category))
        .collect();
    let surface_words = surface::prefilter(language);
    let maybe_surface = surfaces
        && (surface_words.matches(new_text) || old_text.is_some_and(|t| surface_words.matches(t)));
    let custom: Vec<&CustomRule> = custom
        .iter()
        .copied()
        .filter(|c| {
            c.language == language || (c.language.is_js_family() && language.is_js_family())
        })
        .collect();
    if rules.is_empty() && !maybe_surface && custom.is_empty() {
        return;
    }
    let old_language = file
        .old_path
        .as_deref()
        .map_or(Some(language), |p| detect(p, None).or(Some(language)));
    let Some(new) = parse(language, new_text) else {
        return;
    };
    // The old version matters only where the change is. When no rule's keywords (nor an
    // identity surface's) are in the code the change touches — the functions or top-level
    // statements around its added lines, and its removed lines — no weakening can be there,
    // and a rule's finding elsewhere in the file was there before: the old version is not
    // parsed, the weakening rules are skipped, and findings must touch an added line.
    let old_text = old_text.filter(|old| {
        // Custom rules compare old and new matches themselves; a patch has its own logic.
        file.partial
            || !custom.is_empty()
            || match changed_region(file, &new, old) {
                // The whole file: the prefilter over both texts has spoken already.
                None => true,
                Some(region) => {
                    let found = keywords.found(&region);
                    rules.iter().any(|r| wants_region(r, &found, &hits))
                        || (surfaces && surface_words.matches(&region))
                }
            }
    });
    let only_added = mode == Mode::Check && file.old_text.is_some() && old_text.is_none();
    let rules: Vec<&Rule> = rules
        .into_iter()
        .filter(|r| !r.drift_only || old_text.is_some())
        .collect();
    // The old version re-uses the new one's tree where the text did not change.
    let old = match (old_text, old_language) {
        (Some(text), Some(lang)) if lang == language => parse_edited(&new, text),
        (Some(text), Some(lang)) => parse(lang, text),
        _ => None,
    };
    // Facts are extracted at most once per version, whichever rule asks first.
    let (new_facts, old_facts) = (OnceCell::new(), OnceCell::new());
    let (new_decls, old_decls) = (OnceCell::new(), OnceCell::new());
    let fail_opens = OnceCell::new();
    let cx = RuleContext {
        path: &file.path,
        new: &new,
        old: old.as_ref(),
        new_facts_cell: &new_facts,
        old_facts_cell: Some(&old_facts),
        new_decls_cell: &new_decls,
        old_decls_cell: Some(&old_decls),
        fail_opens_cell: Some(&fail_opens),
    };
    if maybe_surface {
        surface::report(change, file, mode, &cx, out);
    }
    let commit = change
        .last_commit_touching(&file.path)
        .map(|c| c.id.clone());
    for rule in custom {
        custom_findings(rule, file, mode, &new, old.as_ref(), commit.as_deref(), out);
    }
    let tests = rust_test_code(&new);
    for rule in rules {
        let mut new_hits = Vec::new();
        (rule.check)(&cx, &mut new_hits);
        // Rust keeps unit tests beside the code: what a test module does on purpose raises
        // nothing, as in a test file.
        new_hits.retain(|h| !tests.iter().any(|r| r.contains(&h.start)));
        if new_hits.is_empty() {
            continue;
        }
        let kept = match mode {
            Mode::Scan => new_hits,
            Mode::Check if only_added => new_hits
                .into_iter()
                .filter(|h| touches_added(file, &new, h))
                .collect(),
            Mode::Check => introduced(rule, file, &cx, (&old_facts, &old_decls), new_hits),
        };
        let mut seen: HashMap<String, u32> = HashMap::new();
        for hit in kept {
            out.push(finding(rule, file, &new, hit, commit.clone(), &mut seen));
        }
    }
}

/// The byte ranges of a Rust file's test code: `#[cfg(test)]` modules and `#[test]` functions.
fn rust_test_code(src: &Source<'_>) -> Vec<std::ops::Range<usize>> {
    if src.language != idgate_lang::Language::Rust
        || !(src.text.contains("#[cfg(test)]") || src.text.contains("test]"))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for node in crate::syntax::descendants(src.tree.root_node()) {
        if !matches!(node.kind(), "mod_item" | "function_item") {
            continue;
        }
        // The attributes are the item's preceding siblings.
        let mut prev = node.prev_named_sibling();
        while let Some(p) = prev.filter(|p| p.kind() == "attribute_item") {
            let attr: String = src.text_of(p).split_whitespace().collect();
            if attr == "#[cfg(test)]" || attr == "#[test]" || attr.ends_with("::test]") {
                out.push(node.byte_range());
                break;
            }
            prev = p.prev_named_sibling();
        }
    }
    out
}

/// Whether the selection leaves no syntax rule to run (custom rules were filtered by it already).
fn only_secrets(select: &Selection, custom: &[&CustomRule]) -> bool {
    !select.is_all()
        && custom.is_empty()
        && !REGISTRY.iter().any(|r| {
            r.kind == crate::registry::RuleKind::Source
                && select.selects(r.code, r.name, r.category)
        })
}

/// Grants in configuration files (RBAC manifests, IAM policies, Terraform, GitHub Actions
/// workflows): the effective-permission diff of old and new, as one set so a binding in one
/// file can name a role in another. In `scan` every grant is new. A file that cannot be read is
/// a finding too, never a silent pass.
fn privilege(change: &ChangeSet, mode: Mode, out: &mut Vec<Finding>) {
    const CONFIG: &[&str] = &[".yaml", ".yml", ".json", ".tf"];
    let files: Vec<(&str, Option<&str>, Option<&str>)> = change
        .files
        .iter()
        .filter(|f| f.skipped.is_none() && !crate::paths::is_test_or_docs(&f.path))
        .filter(|f| {
            CONFIG
                .iter()
                .any(|e| f.path.to_ascii_lowercase().ends_with(e))
        })
        .map(|f| {
            let old = match mode {
                Mode::Check => f.old_text.as_deref(),
                Mode::Scan => None,
            };
            (f.path.as_str(), old, f.new_text.as_deref())
        })
        .collect();
    if files.is_empty() {
        return;
    }
    let (report, errors) = idgate_privilege::diff_set_lenient(&files);
    for p in &report.findings {
        let mut f = p.to_finding();
        // The new access as a table (subject, permission, resource, scope, via which binding).
        if !p.delta.is_empty() {
            let mut lines: Vec<&str> = Vec::new();
            let rendered = idgate_privilege::render_table(&p.delta);
            for line in rendered.lines() {
                // Rule atoms that differ only in what the table does not show read the same.
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
            let table = lines.join("\n");
            f.after = Some(match f.after {
                Some(a) => format!("{a}\n{}", table.trim_end()),
                None => table.trim_end().to_string(),
            });
        }
        f.commit = change.last_commit_touching(&f.path).map(|c| c.id.clone());
        out.push(f);
    }
    // What the diff had to leave out (a template that is not YAML yet, a Terraform value it
    // cannot resolve): notes, so a reviewer sees what was not judged.
    for n in &report.notes {
        let message = format!("not judged: {}", n.message);
        out.push(unjudged(
            change,
            &n.path,
            n.line,
            Level::Note,
            message,
            &n.message,
        ));
    }
    for e in errors {
        use idgate_privilege::PrivilegeError as E;
        let (path, line) = match &e {
            E::Yaml { path, line, .. } | E::Json { path, line, .. } => (path.clone(), *line),
            E::TooLarge { path, .. } | E::Hcl { path, .. } => (path.clone(), 1),
        };
        let text = e.to_string();
        let rule = &crate::rules::privilege::grant_config_unreadable::RULE;
        let message = format!("grants not checked: {text}");
        out.push(unjudged(
            change,
            &path,
            line,
            rule.default_level,
            message,
            &text,
        ));
    }
}

/// An IDG300 finding: part of a grant file the effective-permission diff did not judge.
fn unjudged(
    change: &ChangeSet,
    path: &str,
    line: u32,
    level: Level,
    message: String,
    anchor: &str,
) -> Finding {
    let rule = &crate::rules::privilege::grant_config_unreadable::RULE;
    let line = line.max(1);
    Finding {
        rule: rule.code,
        name: rule.name,
        category: rule.category,
        cwe: rule.cwe.to_vec(),
        severity: match level {
            Level::Note => idgate_core::Severity::Info,
            _ => rule.severity,
        },
        level,
        path: path.to_string(),
        line,
        end_line: line,
        column: 1,
        old_side: false,
        message,
        before: None,
        after: None,
        fingerprint: Fingerprint::new(rule.code, path, anchor),
        commit: change.last_commit_touching(path).map(|c| c.id.clone()),
        attribution: None,
        measure: None,
    }
}

/// The findings of one custom rule: in `check`, only matches the old version did not have.
fn custom_findings(
    rule: &CustomRule,
    file: &FileChange,
    mode: Mode,
    new: &Source<'_>,
    old: Option<&Source<'_>>,
    commit: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let mut old_counts: HashMap<String, usize> = HashMap::new();
    if mode == Mode::Check
        && let Some(old) = old
    {
        for h in rule.matches(old) {
            *old_counts.entry(normalised(old, &h)).or_default() += 1;
        }
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    for hit in rule.matches(new) {
        let key = normalised(new, &hit);
        if let Some(n) = old_counts.get_mut(&key)
            && *n > 0
        {
            *n -= 1;
            continue;
        }
        if mode == Mode::Check && file.partial && !touches_added(file, new, &hit) {
            continue;
        }
        let n = seen.entry(key.clone()).or_default();
        let anchor = if *n == 0 { key } else { format!("{key}#{n}") };
        *n += 1;
        let message = match &rule.note {
            Some(note) => format!("{} ({})", hit.message, note.trim()),
            None => hit.message,
        };
        out.push(Finding {
            rule: rule.code,
            name: rule.name,
            category: rule.category,
            cwe: rule.cwe.clone(),
            severity: match rule.level {
                Level::Error => idgate_core::Severity::High,
                Level::Warning => idgate_core::Severity::Medium,
                Level::Note => idgate_core::Severity::Info,
            },
            level: rule.level,
            path: file.path.clone(),
            line: new.line_of(hit.start),
            end_line: new.line_of(hit.end.saturating_sub(1).max(hit.start)),
            column: new.column_of(hit.start),
            old_side: false,
            message,
            before: None,
            after: None,
            fingerprint: Fingerprint::new(rule.code, &file.path, &anchor),
            commit: commit.map(str::to_string),
            attribution: None,
            measure: None,
        });
    }
}

/// Credentials the change adds (check) or the file holds (scan), as `hardcoded-credential`
/// findings. A secret already in the old version is not new; one in a test or docs file is a note.
fn secrets(
    change: &ChangeSet,
    file: &FileChange,
    text: &str,
    mode: Mode,
    allow: &Allowlist,
    out: &mut Vec<Finding>,
) {
    let rule = &crate::rules::secrets::hardcoded_credential::RULE;
    let added: Vec<idgate_core::LineRange> = file.added_ranges().collect();
    let lines = match mode {
        Mode::Check if added.is_empty() => return,
        Mode::Check => Some(added.as_slice()),
        Mode::Scan => None,
    };
    let found = idgate_secrets::scan_with(&file.path, text, lines, allow).secrets;
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
            ", format validated offline"
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

/// Every rule's keywords, deduplicated, in one case-insensitive automaton. Rules share keywords
/// (`jwt`, `token`) and the automaton reports each place once, so a rule asks whether any keyword
/// found contains one of its own (`jsonwebtoken` contains `token`), not for its own indices.
struct Keywords {
    list: Vec<String>,
    prefilter: Prefilter,
}

/// Built once: `history` analyses every commit, and building the automaton costs more than
/// scanning a small commit with it.
static KEYWORDS: std::sync::LazyLock<Keywords> = std::sync::LazyLock::new(Keywords::new);

impl Keywords {
    fn new() -> Keywords {
        let mut list: Vec<String> = REGISTRY
            .iter()
            .flat_map(|r| r.keywords.iter().chain(r.also))
            .map(|k| k.to_ascii_lowercase())
            .collect();
        // Longest first: at one position the automaton reports the first keyword listed, so a
        // longer keyword wins and the shorter ones inside it are found through it.
        list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        list.dedup();
        let prefilter = Prefilter::new(&list);
        Keywords { list, prefilter }
    }

    /// The keywords found in `text` (lower case).
    fn found(&self, text: &str) -> Vec<&str> {
        self.prefilter
            .which(text)
            .into_iter()
            .map(|i| self.list[i].as_str())
            .collect()
    }
}

/// The code a change touches, as text: for each added line (and each point of deletion) the
/// innermost function around it, or the class or declaration at the top level when it is in
/// none; and the removed lines. A function's old text is its new text less the added lines plus
/// the removed ones, so every word of the old version near the change is here. `None` when a
/// changed line is a module-level statement: the whole file is the region then.
fn changed_region(file: &FileChange, new: &Source<'_>, old_text: &str) -> Option<String> {
    let root = new.tree.root_node();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut region = String::new();
    // `false` when the line is a module-level statement: then the whole file is the region.
    let mut around = |line: u32, region: &mut String| -> bool {
        let range = new.line_range(line);
        let text = &new.text[range.clone()];
        if text.trim().is_empty() {
            return true; // a blank line means nothing
        }
        let lead = text.len() - text.trim_start().len();
        let (start, end) = (range.start + lead, range.end.max(range.start + lead));
        // Most lines of a hunk lie in the region of the line before.
        if seen.iter().any(|&(s, e)| s <= start && end <= e) {
            return true;
        }
        let Some(mut node) = root.descendant_for_byte_range(start, end) else {
            return false;
        };
        while let Some(parent) = node.parent() {
            if parent == root || crate::syntax::FUNCTION_KINDS.contains(&node.kind()) {
                break;
            }
            node = parent;
        }
        // A module-level statement (a constant, a setting, a route table) is read from
        // anywhere in the file.
        let unit = crate::syntax::FUNCTION_KINDS.contains(&node.kind())
            || crate::syntax::decl::is_declaration(new.language, node.kind())
            || matches!(
                node.kind(),
                "decorated_definition"
                    | "export_statement"
                    | "impl_item"
                    | "namespace_declaration"
                    | "file_scoped_namespace_declaration"
            );
        if !unit || node == root {
            return false;
        }
        let span = (node.start_byte(), node.end_byte());
        if seen.iter().any(|&(s, e)| s <= span.0 && span.1 <= e) {
            return true;
        }
        seen.push(span);
        region.push_str(new.text_of(node));
        region.push('\n');
        true
    };
    for hunk in &file.hunks {
        let local = if hunk.new_lines > 0 {
            (hunk.new_start..hunk.new_start + hunk.new_lines).all(|l| around(l, &mut region))
        } else {
            // Lines were only removed: what surrounds the gap.
            around(hunk.new_start.max(1), &mut region) && around(hunk.new_start + 1, &mut region)
        };
        if !local {
            return None;
        }
        if hunk.old_lines > 0 {
            for line in old_text
                .lines()
                .skip(hunk.old_start.saturating_sub(1) as usize)
                .take(hunk.old_lines as usize)
            {
                region.push_str(line);
                region.push('\n');
            }
        }
    }
    Some(region)
}

/// Whether any of the rule's keywords is in the text, and one of its `also` keywords when it has
/// them, given the keywords found there.
fn wants(rule: &Rule, found: &[&str]) -> bool {
    wants_region(rule, found, found)
}

/// [`wants`] for a change: the rule's keywords must be in the changed region, its `also`
/// keywords anywhere in the file (like the prefilter's).
fn wants_region(rule: &Rule, in_region: &[&str], in_file: &[&str]) -> bool {
    let any = |list: &[&str], found: &[&str]| {
        list.iter().any(|k| {
            let k = k.to_ascii_lowercase();
            found.iter().any(|f| f.contains(k.as_str()))
        })
    };
    any(rule.keywords, in_region) && (rule.also.is_empty() || any(rule.also, in_file))
}

/// Keep the hits the change introduced: those whose matched code the old version did not already
/// have. In a file rebuilt from a patch the old side is incomplete, so there a hit must also lie on
/// an added line.
fn introduced<'a>(
    rule: &Rule,
    file: &'a FileChange,
    cx: &RuleContext<'a>,
    (old_facts, old_decls): (&'a OnceCell<Facts<'a>>, &'a OnceCell<Vec<Decl<'a>>>),
    hits: Vec<Hit>,
) -> Vec<Hit> {
    let (new, old) = (cx.new, cx.old);
    let mut old_counts: HashMap<String, usize> = HashMap::new();
    // The same finding in words (rule message names the function and how): an edit that only
    // renames an argument of an already-weakened call is not a new weakening.
    let mut old_messages: HashMap<String, usize> = HashMap::new();
    if let Some(old) = old {
        let mut old_hits = Vec::new();
        // The old version alone, as if it were new: its facts are the ones already extracted.
        (rule.check)(
            &RuleContext {
                path: file.old_path.as_deref().unwrap_or(&file.path),
                new: old,
                old: None,
                new_facts_cell: old_facts,
                old_facts_cell: None,
                new_decls_cell: old_decls,
                old_decls_cell: None,
                fail_opens_cell: None,
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
        measure: hit.measure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Case;

    fn rules_of(before: &str, after: &str) -> Vec<String> {
        Case::new("app.py", Some(before.to_string()), after.to_string())
            .findings()
            .into_iter()
            .filter(|f| f.level != idgate_core::Level::Note)
            .map(|f| format!("{}:{}", f.rule, f.line))
            .collect()
    }

    const WEAK: &str = "import jwt\n\ndef who(t):\n    return jwt.decode(t, options={'verify_signature': False})\n";

    /// Code in a Rust test module or `#[test]` function raises nothing; the same code outside does.
    #[test]
    fn rust_test_modules_raise_nothing() {
        let weak =
            "    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build();\n";
        let text = format!(
            "fn client() {{\n{weak}}}\n\n#[cfg(test)]\nmod tests {{\n    fn make() {{\n    {weak}    }}\n}}\n\n#[tokio::test]\nasync fn it() {{\n{weak}}}\n"
        );
        let found: Vec<u32> = Case::new("client.rs", None, text)
            .findings()
            .into_iter()
            .filter(|f| f.level != idgate_core::Level::Note)
            .map(|f| f.line)
            .collect();
        assert_eq!(found, vec![2]);
    }

    /// A change far from identity code: the weak function it does not touch was weak before,
    /// so nothing is reported (the old version is not even parsed).
    #[test]
    fn an_unrelated_change_reports_nothing_old() {
        let before = format!("{WEAK}\ndef total(xs):\n    return sum(xs)\n");
        let after = format!("{WEAK}\ndef total(xs):\n    return sum(x for x in xs if x)\n");
        assert_eq!(rules_of(&before, &after), Vec::<String>::new());
    }

    /// The region is the function around the change: a weakening made there is found even
    /// when the function's changed line itself says nothing about identity.
    #[test]
    fn a_weakening_inside_a_function_is_found() {
        let before = "import jwt\n\ndef who(t, key):\n    opts = {'verify_signature': True}\n    return jwt.decode(t, key, algorithms=['RS256'], options=opts)\n";
        let after = before.replace("True", "False");
        assert!(
            rules_of(before, &after)
                .iter()
                .any(|r| r.starts_with("IDG")),
            "{:?}",
            rules_of(before, &after)
        );
    }

    /// A module-level constant is read from anywhere: changing one makes the whole file the
    /// region, so a lifetime raised through a plain-named constant is still compared.
    #[test]
    fn a_module_level_change_makes_the_whole_file_the_region() {
        let before = "import jwt, time\n\nLIMIT = 15 * 60\n\ndef issue(sub, key):\n    return jwt.encode({'sub': sub, 'exp': time.time() + LIMIT}, key)\n";
        let after = before.replace("15 * 60", "90 * 24 * 3600");
        let found = rules_of(before, &after);
        assert!(found.iter().any(|r| r.starts_with("IDG111")), "{found:?}");
    }

    #[test]
    fn changed_region_is_the_enclosing_function_and_the_removed_lines() {
        let before = "def a():\n    return 1\n\ndef b():\n    x = 1\n    return x\n";
        let after = "def a():\n    return 1\n\ndef b():\n    return 2\n";
        let hunks = idgate_core::line_hunks(before, after);
        let file = FileChange {
            path: "m.py".into(),
            old_path: None,
            status: idgate_core::FileStatus::Modified,
            old_text: Some(before.into()),
            new_text: Some(after.into()),
            hunks,
            skipped: None,
            notes: Vec::new(),
            partial: false,
        };
        let new = parse(idgate_lang::Language::Python, after).unwrap();
        let region = changed_region(&file, &new, before).unwrap();
        assert!(region.contains("def b():\n    return 2"), "{region:?}");
        assert!(region.contains("    x = 1"), "{region:?}");
        assert!(!region.contains("def a"), "{region:?}");
    }
}

//! Identity surfaces: which catalogued identity APIs a change touches, as `note` findings of
//! IDG001. Added lines are read on the new side, removed lines on the old side.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use idgate_core::{ChangeSet, FileChange, Finding, Fingerprint, LineRange};
use idgate_lang::{Language, Prefilter, Source, detect, parse};

use crate::catalogue::{Surface, apis, touches};
use crate::engine::Mode;
use crate::syntax::facts::Facts;

/// The words whose presence makes a file worth parsing for surfaces: module names, decorators,
/// settings and module-less calls of the language's catalogue.
pub(crate) fn prefilter(language: Language) -> &'static Prefilter {
    // One automaton per language, built when a file of that language first needs it: a pull
    // request in two languages should not pay for nine.
    static CACHE: [OnceLock<Prefilter>; Language::ALL.len()] =
        [const { OnceLock::new() }; Language::ALL.len()];
    let at = Language::ALL
        .iter()
        .position(|l| *l == language)
        .expect("every language is in Language::ALL");
    CACHE[at].get_or_init(|| Prefilter::new(vocabulary(language)))
}

/// Words that name identity libraries but also occur in almost every file of a language (as
/// module names or inside other words: `chi` in "archive", `ring` in "string"). They would send
/// nearly every file to the parser and save nothing.
const TOO_COMMON: &[&str] = &[
    "api", "apiv1", "axios", "can", "can?", "check", "chi", "core", "crypt", "dig", "echo", "env",
    "fetch", "flask", "get", "gin", "hash", "http", "https", "make", "mux", "mvc", "net", "new",
    "next", "os", "queue", "react", "ring", "start", "std", "v2",
];

fn vocabulary(language: Language) -> Vec<String> {
    let mut words = Vec::new();
    let mut add = |w: &str| {
        let w = w.to_ascii_lowercase();
        if w.len() >= 3 && !TOO_COMMON.contains(&w.as_str()) {
            words.push(w);
        }
    };
    for api in apis(language).iter().filter(|a| a.surface.is_identity()) {
        for m in &api.modules {
            // The last element is written in every import form (`jsonwebtoken`, `tls`, `Jwts`'
            // package `jsonwebtoken`, `Firebase\JWT`).
            if let Some(last) = m.rsplit(['.', '/']).find(|s| !s.is_empty()) {
                add(last);
            }
        }
        for d in &api.decorators {
            add(d.rsplit('.').next().unwrap_or(d));
        }
        for s in &api.settings {
            add(s);
        }
        if api.modules.is_empty() {
            for c in api.calls.iter().chain(&api.methods) {
                // The most distinctive segment of `Rails.application.credentials`.
                let longest = c.split('.').max_by_key(|s| s.len()).unwrap_or(c);
                add(longest);
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

/// One surface's touches in a file: (line, old side, api, library).
type Touches = Vec<(u32, bool, String, &'static str)>;

/// Add one IDG001 note per surface the file's change touches (check) or the file holds (scan).
pub(crate) fn report(
    change: &ChangeSet,
    file: &FileChange,
    mode: Mode,
    cx: &crate::registry::RuleContext<'_>,
    out: &mut Vec<Finding>,
) {
    let mut by_surface: BTreeMap<Surface, Touches> = BTreeMap::new();
    let added: Vec<LineRange> = file.added_ranges().collect();
    collect(
        cx.new,
        cx.facts(),
        false,
        mode == Mode::Scan,
        &added,
        &mut by_surface,
    );
    if let (Some(old), Some(old_facts)) = (cx.old, cx.old_facts()) {
        let removed: Vec<LineRange> = file.removed_ranges().collect();
        collect(old, old_facts, true, false, &removed, &mut by_surface);
    }
    emit(change, file, by_surface, out);
}

/// Surfaces of a deleted file: everything it held was removed.
pub(crate) fn deleted_surfaces(change: &ChangeSet, file: &FileChange, out: &mut Vec<Finding>) {
    let Some(text) = file.old_text.as_deref() else {
        return;
    };
    if crate::paths::is_test_or_docs(&file.path) {
        return;
    }
    let Some(language) = detect(&file.path, text.lines().next()) else {
        return;
    };
    if !prefilter(language).matches(text) {
        return;
    }
    let Some(old) = parse(language, text) else {
        return;
    };
    let mut by_surface = BTreeMap::new();
    collect(&old, &Facts::of(&old), true, true, &[], &mut by_surface);
    emit(change, file, by_surface, out);
}

fn collect(
    src: &Source<'_>,
    facts: &Facts<'_>,
    old_side: bool,
    everything: bool,
    changed: &[LineRange],
    by_surface: &mut BTreeMap<Surface, Touches>,
) {
    for touch in touches(src.language, facts) {
        if !touch.surface.is_identity() || !meaningful(src, &touch) {
            continue;
        }
        let range = LineRange {
            start: src.line_of(touch.node.start_byte()),
            end: src.line_of(
                touch
                    .node
                    .end_byte()
                    .saturating_sub(1)
                    .max(touch.node.start_byte()),
            ),
        };
        if !everything && !changed.iter().any(|c| c.overlaps(&range)) {
            continue;
        }
        by_surface.entry(touch.surface).or_default().push((
            range.start,
            old_side,
            touch.api,
            touch.library,
        ));
    }
}

/// Whether a catalogue touch is identity logic in this instance: an environment read is a secret
/// lookup only when it reads a secret-named variable, and a Rails filter is an authentication
/// guard only when it runs an authentication method (`before_action :set_post` loads a record).
fn meaningful(src: &Source<'_>, touch: &crate::catalogue::Touch<'_>) -> bool {
    let text = src.text_of(touch.node).to_ascii_lowercase();
    let name = touch.api.rsplit('.').next().unwrap_or(&touch.api);
    if touch.surface == Surface::SecretLookup {
        const SECRET_WORDS: &[&str] = &[
            "secret",
            "token",
            "key",
            "password",
            "passwd",
            "credential",
            "private",
            "auth",
            "cert",
            "signing",
            "salt",
            "dsn",
        ];
        return SECRET_WORDS.iter().any(|w| text.contains(w));
    }
    if matches!(
        name,
        "before_action"
            | "skip_before_action"
            | "prepend_before_action"
            | "before_filter"
            | "skip_before_filter"
    ) {
        return text
            .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .filter_map(|w| w.strip_prefix(':'))
            .any(crate::syntax::decl::is_guard_name);
    }
    true
}

fn emit(
    change: &ChangeSet,
    file: &FileChange,
    by_surface: BTreeMap<Surface, Touches>,
    out: &mut Vec<Finding>,
) {
    let rule = &crate::rules::surface::identity_surface_changed::RULE;
    let commit = change
        .last_commit_touching(&file.path)
        .map(|c| c.id.clone());
    for (surface, mut list) in by_surface {
        // New-side touches first: that is where a reviewer looks.
        list.sort_by_key(|(line, old_side, _, _)| (*old_side, *line));
        let (line, old_side, _, _) = list[0].clone();
        let mut apis: Vec<String> = Vec::new();
        for (l, o, api, library) in &list {
            // `Client.builder` inside `Client.builder.danger_accept_invalid_certs`: name the
            // longer chain only.
            let inner = list.iter().any(|(l2, o2, a2, _)| {
                l2 == l && o2 == o && a2.len() > api.len() && a2.starts_with(&format!("{api}."))
            });
            if inner {
                continue;
            }
            let side = if *o { "removed, old line" } else { "line" };
            let item = format!("`{api}` ({library}, {side} {l})");
            if !apis.contains(&item) {
                apis.push(item);
            }
        }
        let shown = apis.len().min(3);
        let more = match apis.len() - shown {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        out.push(Finding {
            rule: rule.code,
            name: rule.name,
            category: rule.category,
            cwe: rule.cwe.to_vec(),
            severity: rule.severity,
            level: rule.default_level,
            path: file.path.clone(),
            line,
            end_line: line,
            column: 1,
            old_side,
            message: format!(
                "touches {}: {}{more}",
                surface.describe(),
                apis[..shown].join(", ")
            ),
            before: None,
            after: None,
            fingerprint: Fingerprint::new(rule.code, &file.path, surface.id()),
            commit: commit.clone(),
            attribution: None,
            measure: None,
        });
    }
}

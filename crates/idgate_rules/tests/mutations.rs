//! Every rule over mangled versions of every corpus and fixture file: multi-byte characters
//! glued to identifiers, keys and operators, and texts cut short mid-token. Real code has
//! non-ASCII names and strings, and a rule that slices a name at a byte offset must not panic
//! on them; a parse error must leave a partial tree that is still analysed quietly.

use std::path::{Path, PathBuf};

use idgate_rules::corpus::Case;

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("resources/fixtures"), root.join("../../corpus")];
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `é` after every word of four letters or more (`secure` → `secureé`), so names end in a
/// two-byte character wherever a rule trims or splits them.
fn accented(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            run += 1;
        } else {
            if run >= 4 {
                out.push('é');
            }
            run = 0;
        }
        out.push(c);
    }
    out
}

/// Three-byte characters around operators, brackets and quotes.
fn arrows(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match c {
            '=' | '[' | ']' | ':' | '.' => {
                out.push(c);
                out.push('→');
            }
            '"' | '\'' => {
                out.push('→');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The first two thirds, cut at a character boundary.
fn truncated(text: &str) -> String {
    let mut cut = text.len() * 2 / 3;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut].to_string()
}

#[test]
fn mangled_inputs_never_panic() {
    // Every panic is recorded with where it happened, so one run lists them all.
    static PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or(String::new(), |l| format!("{}:{}", l.file(), l.line()));
        PANICS.lock().unwrap().push(at);
    }));
    let mut judged = 0;
    let mut failed: Vec<String> = Vec::new();
    for path in files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.contains(".before.") {
            continue; // judged with its after file
        }
        let before = name
            .contains(".after.")
            .then(|| path.with_file_name(name.replace(".after.", ".before.")))
            .and_then(|p| std::fs::read_to_string(p).ok());
        for (how, mangle) in [
            ("accented", accented as fn(&str) -> String),
            ("arrows", arrows),
            ("truncated", truncated),
        ] {
            let mut cases = vec![Case::new(
                &name,
                before.as_deref().map(mangle),
                mangle(&text),
            )];
            // And the mangled text as the old version of the real one.
            if before.is_some() {
                cases.push(Case::new(&name, Some(mangle(&text)), text.clone()));
            }
            for case in cases {
                let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    case.findings();
                }))
                .is_ok();
                if !ok {
                    let at = PANICS.lock().unwrap().pop().unwrap_or_default();
                    failed.push(format!("{} ({how}): panicked at {at}", path.display()));
                }
                judged += 1;
            }
        }
    }
    let _ = std::panic::take_hook();
    assert!(
        failed.is_empty(),
        "{} panics:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert!(judged > 1500, "{judged} mangled cases");
}

/// The comment syntax of a file's language, by extension.
fn comment_for(name: &str) -> Option<&'static str> {
    let ext = name.rsplit('.').next()?;
    Some(match ext {
        "py" | "rb" => "# reviewed: no behaviour change",
        "js" | "ts" | "tsx" | "jsx" | "go" | "java" | "cs" | "rs" | "php" => {
            "// reviewed: no behaviour change"
        }
        _ => return None,
    })
}

/// A change that only adds comments and blank lines (after the first line, and before every
/// function) is no weakening: `check` reports nothing above a note for it, on every corpus and
/// fixture file, however weak the file already was.
#[test]
fn comment_only_changes_raise_nothing() {
    let mut judged = 0;
    let mut failed = Vec::new();
    for path in files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(comment) = comment_for(&name) else {
            continue;
        };
        if text.starts_with("idgate-fixture-path:") || text.contains("idgate-fixture-path:") {
            continue; // judged as another path; the first line must stay
        }
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let starts_function = ["def ", "func ", "function ", "fn ", "pub fn "]
                .iter()
                .any(|k| trimmed.starts_with(k));
            if i > 0 && starts_function {
                let indent = &line[..line.len() - trimmed.len()];
                out.push('\n');
                out.push_str(indent);
                out.push_str(comment);
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
            if i == 0 {
                out.push_str(comment);
                out.push('\n');
            }
        }
        let case = Case::new(&name, Some(text.clone()), out);
        let loud: Vec<String> = case
            .findings()
            .into_iter()
            .filter(|f| f.level != idgate_core::Level::Note)
            .map(|f| format!("{}:{} {}", f.rule, f.line, f.message))
            .collect();
        if !loud.is_empty() {
            failed.push(format!("{}: {}", path.display(), loud.join("; ")));
        }
        judged += 1;
    }
    assert!(
        failed.is_empty(),
        "{} files:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert!(judged > 900, "{judged} files");
}

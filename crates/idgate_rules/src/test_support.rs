//! Helpers shared by the unit tests.

use idgate_lang::{Language, Source};

/// Every fixture and corpus file that parses, with its path, text and language: the texts the
/// tests that check a property "over everything we have" walk.
pub(crate) fn sample_files() -> Vec<(String, String, Language)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("resources/fixtures"), root.join("../../corpus")];
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let name = path.to_string_lossy().to_string();
            if let Some(language) = idgate_lang::detect(&name, text.lines().next()) {
                out.push((name, text, language));
            }
        }
    }
    out
}

/// `text` parsed as `language`.
pub(crate) fn parsed(language: Language, text: &str) -> Option<Source<'_>> {
    idgate_lang::parse(language, text)
}

//! Fuzz the CODEOWNERS parser and its path matching.
//!
//! Run with `cargo +nightly fuzz run codeowners` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &[
    "README.md",
    "src/auth/login.py",
    "app/x.py",
    "docs/a b/c.md",
    ".github/workflows/ci.yml",
    "a/b/c/d/e/f/g/h.ts",
    "",
    "/",
    "ünïcödé/ß.rs",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let owners = idgate_policy::codeowners::parse_codeowners(&text);
    for path in PATHS {
        let listed = owners.owners_of(path);
        if let Some(entry) = owners.entry_for(path) {
            assert!(entry.matches(path));
        } else {
            assert!(listed.is_empty());
        }
    }
    let _ = owners.owners_of_all(PATHS.iter().copied());
    // Paths taken from the input itself (the first line), to hit patterns' own shapes.
    if let Some(first) = text.split('\n').next() {
        let _ = owners.owners_of(first);
        let _ = owners.owners_of(first.trim_start_matches('/'));
    }
});

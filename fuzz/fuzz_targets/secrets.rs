//! Fuzz the secret scanner and the redactor.
//!
//! Besides "never panics", it checks what the crate promises about redaction:
//! - a finding's `redacted` form is at most four characters of the secret, `…` and eight hex
//!   digits (so never a long piece of the input);
//! - the finding's position (line, column, end) and length describe a real span of the text,
//!   whose first characters are that prefix;
//! - `redact(text)` no longer contains a detected secret longer than 12 characters (checked
//!   only when the secret occurs once in the text, so another, undetected copy cannot trip it).
//!
//! Inputs holding `«template»`s (see `idgate_secrets::synth`) are also checked after expansion.
//!
//! Run with `cargo +nightly fuzz run secrets` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use libfuzzer_sys::fuzz_target;

/// The text from 1-based (line, column) to (end_line, end_column exclusive), columns in chars.
fn span(text: &str, line: u32, column: u32, end_line: u32, end_column: u32) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let (l0, l1) = (
        line.checked_sub(1)? as usize,
        end_line.checked_sub(1)? as usize,
    );
    let (c0, c1) = (
        column.checked_sub(1)? as usize,
        end_column.checked_sub(1)? as usize,
    );
    if l0 == l1 {
        let chars: Vec<char> = lines.get(l0)?.chars().collect();
        return Some(chars.get(c0..c1)?.iter().collect());
    }
    let mut out: String = lines.get(l0)?.chars().skip(c0).collect();
    for l in lines.get(l0 + 1..l1)? {
        out.push('\n');
        out.push_str(l);
    }
    out.push('\n');
    let last: Vec<char> = lines.get(l1)?.chars().collect();
    out.extend(last.get(..c1)?);
    Some(out)
}

/// How many times `needle` occurs in `haystack`, overlapping occurrences included.
fn occurrences(haystack: &str, needle: &str) -> usize {
    haystack
        .char_indices()
        .filter(|&(i, _)| haystack[i..].starts_with(needle))
        .count()
}

/// Scan and redact `text`, checking the promises above.
fn check(text: &str) {
    let secrets = idgate_secrets::scan("app/x.py", text, None);
    let redacted_text = idgate_secrets::redact(text);
    for secret in &secrets {
        let r = &secret.redacted;
        assert!(r.chars().count() <= 60, "redacted form too long: {r:?}");
        let (prefix, hash) = r
            .split_once('…')
            .unwrap_or_else(|| panic!("redacted form without `…`: {r:?}"));
        assert!(prefix.chars().count() <= 4, "prefix longer than 4: {r:?}");
        assert!(
            hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "hash part is not 8 hex digits: {r:?}"
        );
        assert!(secret.line >= 1 && secret.column >= 1, "{secret:?}");
        assert!(secret.end_line >= secret.line, "{secret:?}");
        let value = span(
            text,
            secret.line,
            secret.column,
            secret.end_line,
            secret.end_column,
        )
        .unwrap_or_else(|| panic!("position outside the text: {secret:?}"));
        assert_eq!(
            value.chars().count(),
            secret.length as usize,
            "span {value:?} disagrees with length: {secret:?}"
        );
        assert!(
            value.starts_with(prefix),
            "{value:?} does not start with {prefix:?}"
        );
        if value.chars().count() > 12 && occurrences(text, &value) == 1 {
            assert!(
                !redacted_text.contains(value.as_str()),
                "redact() left the secret at {}:{} ({}) in the text",
                secret.line,
                secret.column,
                secret.kind
            );
        }
    }
}

/// Whether `synth::expand` on `text` stays small: every number in it has at most two digits
/// (a directive like `[b62:30]` draws that many characters).
fn small_template(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run > 2 {
            return false;
        }
    }
    true
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    // Inputs may hold `«template»`s (see `idgate_secrets::synth`), so the seeds can carry
    // checksum-valid synthetic tokens without committing anything secret-looking.
    if text.contains('«') && small_template(&text) {
        check(&idgate_secrets::synth::expand(&text, 7));
    }
});

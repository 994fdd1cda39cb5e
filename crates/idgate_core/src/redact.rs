//! Redaction of secret-looking string literals in text meant for people (code frames, snippets).
//!
//! A quoted literal is masked when it looks like a credential: at least 12 characters, no spaces,
//! letters mixed with digits or symbols, and a Shannon entropy of at least 3 bits per character.
//! What remains is the first four characters and a short hash, so two findings on the same secret
//! can still be told apart without revealing it.

/// Mask secret-looking quoted literals in `line`.
pub fn redact_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            out.push_str(&redact_token(after));
            return out;
        };
        let literal = &after[..close];
        out.push_str(&redact_token(literal));
        out.push(quote);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn redact_token(s: &str) -> String {
    if !looks_secret(s) {
        return s.to_string();
    }
    let prefix: String = s.chars().take(4).collect();
    let hash = blake3::hash(s.as_bytes()).to_hex();
    format!("{prefix}…[redacted:{}]", &hash[..8])
}

/// Whether a literal looks like a credential rather than prose, a path or an identifier.
pub fn looks_secret(s: &str) -> bool {
    if s.chars().count() < 12 || s.contains(char::is_whitespace) {
        return false;
    }
    let letters = s.chars().any(|c| c.is_ascii_alphabetic());
    let digits = s.chars().any(|c| c.is_ascii_digit());
    let mixed_case =
        s.chars().any(|c| c.is_ascii_uppercase()) && s.chars().any(|c| c.is_ascii_lowercase());
    // `verify_signature`, `Content-Type`: words, not keys.
    letters && (digits || (mixed_case && !is_words(s))) && entropy(s) >= 3.0
}

/// Capitalised words joined by separators, like `Content-Type` or `X-Request-Id`.
fn is_words(s: &str) -> bool {
    s.split(['-', '_', '.', '/'])
        .all(|w| w.chars().skip(1).all(|c| c.is_ascii_lowercase()))
}

fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let n = s.chars().count() as f64;
    for c in s.chars() {
        *counts.entry(c).or_insert(0u32) += 1;
    }
    counts
        .values()
        .map(|&k| {
            let p = f64::from(k) / n;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keys_keeps_code() {
        // idgate: allow synthetic Stripe-shaped value that exercises the redactor
        let line = r#"jwt.decode(t, "sk_live_4eC39HqLyjWDarjtT1zdp7dc", algorithms=["HS256"])"#;
        let red = redact_line(line);
        assert!(!red.contains("4eC39HqLyjWDarjtT1zdp7dc"));
        assert!(red.contains("sk_l…[redacted:"));
        assert!(red.contains(r#"algorithms=["HS256"]"#));
        assert_eq!(redact_line("x = 'hello world'"), "x = 'hello world'");
        assert_eq!(
            redact_line(r#"options={"verify_signature": False}"#),
            r#"options={"verify_signature": False}"#
        );
        // An unterminated literal is still masked.
        assert!(!redact_line("k = 'AKIAIOSFODNN7EXAMPLEab12").contains("IOSFODNN7"));
    }
}

//! Entropy and placeholder heuristics shared by every rule.

/// Shannon entropy in bits per byte.
pub(crate) fn shannon(s: &str) -> f32 {
    let b = s.as_bytes();
    if b.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &c in b {
        counts[usize::from(c)] += 1;
    }
    let n = b.len() as f32;
    counts
        .iter()
        .filter(|&&k| k > 0)
        .map(|&k| {
            let p = k as f32 / n;
            -p * p.log2()
        })
        .sum()
}

/// How many of {lower-case, upper-case, digit, other} occur.
pub(crate) fn char_classes(s: &str) -> u8 {
    let mut m = 0u8;
    for c in s.bytes() {
        m |= if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_uppercase() {
            2
        } else if c.is_ascii_digit() {
            4
        } else {
            8
        };
    }
    m.count_ones() as u8
}

/// Long words that mark a documentation value or a redaction; matched anywhere, any case (six
/// letters or more almost never occur by chance in a random token).
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "sample",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "replace",
    "redacted",
    "notreal",
    "not_real",
    "not-real",
    "foobar",
    "insert",
    "xxxxx",
];

/// Short words that mark a placeholder only as a word of their own (`your-token`, `FAKE_KEY`),
/// not inside a random run of letters where they appear by chance.
const PLACEHOLDER_SHORT_WORDS: &[&str] = &[
    "your", "dummy", "fake", "todo", "fixme", "lorem", "xxxx", "here",
];

/// Punctuation that no token alphabet has: templates, ellipses, masks, and the `«…»` of
/// [`crate::synth`] templates.
const PLACEHOLDER_MARKS: &[&str] = &[
    "****", "....", "…", "<", ">", "${", "{{", "}}", "#{", "%(", "«", "»",
];

fn has_short_word(lower: &[u8], word: &[u8]) -> bool {
    lower.windows(word.len()).enumerate().any(|(i, w)| {
        w == word
            && (i == 0 || !lower[i - 1].is_ascii_alphabetic())
            && lower
                .get(i + word.len())
                .is_none_or(|c| !c.is_ascii_alphabetic())
    })
}

/// Whether `s` is a placeholder rather than a credential: a documentation word (`EXAMPLE`,
/// `your-token`, `xxxx`, `<…>`, `${…}`, `{{ … }}`), one or very few distinct characters, a
/// sequential run (`123456`, `abcdef`), or a short pattern repeated.
pub(crate) fn is_placeholder(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w))
        || PLACEHOLDER_MARKS.iter().any(|w| lower.contains(w))
        || PLACEHOLDER_SHORT_WORDS
            .iter()
            .any(|w| has_short_word(lower.as_bytes(), w.as_bytes()))
    {
        return true;
    }
    let b = s.as_bytes();
    if b.is_empty() {
        return true;
    }
    let mut seen = [false; 256];
    let mut distinct = 0;
    for &c in b {
        if !seen[usize::from(c)] {
            seen[usize::from(c)] = true;
            distinct += 1;
        }
    }
    if distinct == 1 || (b.len() >= 12 && distinct <= 3) {
        return true;
    }
    if has_sequential_run(b, 6) {
        return true;
    }
    is_repetition(b)
}

/// The entropy a random string needs: `cap`, but never more than 60% of what a string of this
/// length over its apparent alphabet (hex or wider) can reach, so short hex keys pass.
pub(crate) fn entropy_floor(s: &str, cap: f32) -> f32 {
    let n = s.len().max(1) as f32;
    let alphabet: f32 = if s.bytes().all(|c| c.is_ascii_hexdigit()) {
        16.0
    } else {
        64.0
    };
    cap.min(0.6 * n.min(alphabet).log2())
}

/// A run of `n` characters each one above (or below) the previous.
fn has_sequential_run(b: &[u8], n: usize) -> bool {
    let mut up = 1;
    let mut down = 1;
    for w in b.windows(2) {
        let (a, c) = (w[0], w[1]);
        let alnum = a.is_ascii_alphanumeric() && c.is_ascii_alphanumeric();
        up = if alnum && c == a.wrapping_add(1) {
            up + 1
        } else {
            1
        };
        down = if alnum && c.wrapping_add(1) == a {
            down + 1
        } else {
            1
        };
        if up >= n || down >= n {
            return true;
        }
    }
    false
}

/// The whole string is one short unit (up to 8 bytes) repeated at least three times.
fn is_repetition(b: &[u8]) -> bool {
    (1..=8).any(|p| b.len() >= p * 3 && b.iter().enumerate().all(|(i, &c)| c == b[i % p]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(is_placeholder("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder("xxxxxxxxxxxxxxxxxxxx"));
        assert!(is_placeholder("<your-token>"));
        assert!(is_placeholder("${GITHUB_TOKEN}"));
        assert!(is_placeholder("{{ vault_token }}"));
        assert!(is_placeholder("abcdefghijklmnop"));
        assert!(is_placeholder("1234567890abcd"));
        assert!(is_placeholder("abc1abc1abc1abc1"));
        assert!(is_placeholder("aaaaaaaaaaaaaaaab"));
        assert!(!is_placeholder("q8Zr2LmX0vT7wYp4Kd9s"));
        assert!(!is_placeholder(
            "TV22IJeSCNJaXb8PQuADCZwxKLtoDo2Vn7ZRpfVVEhw"
        ));
        assert!(is_placeholder("YOUR_API_KEY"));
        assert!(is_placeholder("fake-token-123"));
    }

    #[test]
    fn entropy() {
        assert!(shannon("aaaa") < 0.01);
        assert!((shannon("abcd") - 2.0).abs() < 1e-5);
        assert_eq!(char_classes("aB3!"), 4);
    }
}

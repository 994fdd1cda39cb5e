//! Turning raw blobs into analysable text, and computing hunks between two texts.

use idgate_core::{FileChange, FileNote, SkipReason};

/// Limits on what is read. Files above the cap are skipped with a note, never silently.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file, in bytes, that is analysed.
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // Identity logic lives in hand-written source; generated bundles above 2 MiB are noise
        // and would cost more than the rest of the change together.
        Limits {
            max_file_size: 2 * 1024 * 1024,
        }
    }
}

/// The decoded form of one side of a file.
pub(crate) enum Decoded {
    Text(String, bool),
    Skip(SkipReason),
}

/// Git's heuristic: a NUL byte in the first 8,000 bytes means binary.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8000)].contains(&0)
}

/// Decode a blob: skip binary and oversized content; decode invalid UTF-8 lossily (flagged);
/// normalise CRLF to LF so line numbers and rules see one convention.
pub(crate) fn decode(bytes: &[u8], limits: &Limits) -> Decoded {
    let size = bytes.len() as u64;
    if size > limits.max_file_size {
        return Decoded::Skip(SkipReason::TooLarge {
            size,
            limit: limits.max_file_size,
        });
    }
    if is_binary(bytes) {
        return Decoded::Skip(SkipReason::Binary);
    }
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    };
    let text = if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    Decoded::Text(text, lossy)
}

pub(crate) use idgate_core::line_hunks as hunks;

/// Apply the size cap to a file rebuilt from a patch (the patch parser knows no limits).
pub(crate) fn apply_limits_to_patch_file(file: &mut FileChange, limits: &Limits) {
    if file.skipped.is_some() {
        return;
    }
    let size = file
        .new_text
        .as_ref()
        .or(file.old_text.as_ref())
        .map_or(0, |t| t.len() as u64);
    if size > limits.max_file_size {
        file.skipped = Some(SkipReason::TooLarge {
            size,
            limit: limits.max_file_size,
        });
        file.old_text = None;
        file.new_text = None;
    }
}

/// Push a note once.
pub(crate) fn note(notes: &mut Vec<FileNote>, note: FileNote) {
    if !notes.contains(&note) {
        notes.push(note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_core::Hunk;

    fn h(o: u32, ol: u32, n: u32, nl: u32) -> Hunk {
        Hunk {
            old_start: o,
            old_lines: ol,
            new_start: n,
            new_lines: nl,
        }
    }

    #[test]
    fn hunks_follow_unified_diff_conventions() {
        assert_eq!(hunks("a\nb\nc\n", "a\nB\nc\n"), vec![h(2, 1, 2, 1)]);
        assert_eq!(hunks("a\nc\n", "a\nb\nc\n"), vec![h(1, 0, 2, 1)]);
        assert_eq!(hunks("a\nb\nc\n", "a\nc\n"), vec![h(2, 1, 1, 0)]);
        assert_eq!(hunks("", "a\nb\n"), vec![h(0, 0, 1, 2)]);
        assert_eq!(hunks("a\n", "a\n"), vec![]);
        assert_eq!(
            hunks("1\n2\n3\n4\n5\n", "1\nX\n3\n4\nY\n"),
            vec![h(2, 1, 2, 1), h(5, 1, 5, 1)]
        );
    }

    #[test]
    fn decode_flags_binary_large_and_lossy() {
        let l = Limits { max_file_size: 10 };
        assert!(matches!(
            decode(b"a\0b", &l),
            Decoded::Skip(SkipReason::Binary)
        ));
        assert!(matches!(
            decode(b"0123456789abc", &l),
            Decoded::Skip(SkipReason::TooLarge {
                size: 13,
                limit: 10
            })
        ));
        match decode(b"a\xffb\r\nc", &l) {
            Decoded::Text(t, lossy) => {
                assert!(lossy);
                assert_eq!(t, "a\u{fffd}b\nc");
            }
            Decoded::Skip(_) => panic!("text expected"),
        }
    }
}

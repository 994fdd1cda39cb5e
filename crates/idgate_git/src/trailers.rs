//! Commit-message trailers (`Key: value` lines at the end of a message), found by the rules of
//! `git interpret-trailers`.
//!
//! The trailer block is the last paragraph of the message (a group of lines after a blank line;
//! the first paragraph, the subject, never counts). It is taken when it consists only of
//! `Key: value` lines (and their continuation lines), or when it has at least one trailer that git
//! itself generates (`Signed-off-by: `, `(cherry picked from commit `) and at least a quarter of
//! its lines are trailers. A patch separator (a line starting with `---` and then whitespace) ends
//! the message; trailing blank lines and `#` comment lines are ignored.

use idgate_core::Trailer;

/// Trailer prefixes that git writes itself; one of them lets a paragraph with prose count.
const GIT_GENERATED_PREFIXES: [&str; 2] = ["Signed-off-by: ", "(cherry picked from commit "];

/// Git's scissors line: everything from it on is dropped.
const CUT_LINE: &str = "# ------------------------ >8 ------------------------";

/// The trailers of `message`, in order, following git's interpret-trailers rules.
///
/// Keys are kept as written (`Co-Authored-By` stays so); the value is trimmed and continuation
/// lines (lines starting with whitespace) are folded into it with a single space. The key is what
/// precedes the first `:`, so `Claude-Session: https://example.com/x` has the key
/// `Claude-Session`. Lines of the block that are not `Key: value` lines (such as `(cherry picked
/// from commit …)`) are not returned.
pub fn parse_trailers(message: &str) -> Vec<Trailer> {
    from_lines(message_lines(message, true))
}

/// Trailers of a message stored in a commit object. A stored message has no patch after it, so
/// a `---` line is ordinary text here, as git treats it when it formats `%(trailers)` of commits;
/// otherwise a message could hide its `Co-authored-by:` from idgate but not from git.
pub fn parse_commit_trailers(message: &str) -> Vec<Trailer> {
    from_lines(message_lines(message, false))
}

fn from_lines(lines: Vec<&str>) -> Vec<Trailer> {
    match block_start(&lines) {
        Some(start) => collect(lines.get(start..).unwrap_or_default()),
        None => Vec::new(),
    }
}

/// The lines of the message proper: CR stripped, cut at the scissors line (and, with `divider`,
/// at the patch separator), and without trailing blank and comment lines.
fn message_lines(message: &str, divider: bool) -> Vec<&str> {
    let mut lines = Vec::new();
    for raw in message.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if (divider && is_patch_separator(line)) || line == CUT_LINE {
            break;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| is_blank(l) || is_comment(l)) {
        lines.pop();
    }
    lines
}

/// Git's divider: `---` followed by whitespace (or nothing).
fn is_patch_separator(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.bytes().next().is_none_or(is_space))
}

/// C's `isspace`: space, `\t`, `\n`, `\v`, `\f`, `\r`.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(is_space)
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#')
}

fn starts_with_space(line: &str) -> bool {
    line.bytes().next().is_some_and(is_space)
}

/// Git's `find_separator`: the index of the `:` ending a token of ASCII alphanumerics and `-`,
/// optionally followed by blanks. `None` when the line is not a `Key: value` line.
fn separator(line: &str) -> Option<usize> {
    let mut whitespace_found = false;
    for (i, c) in line.bytes().enumerate() {
        if c == b':' {
            return (i >= 1).then_some(i);
        }
        if !whitespace_found && (c.is_ascii_alphanumeric() || c == b'-') {
            continue;
        }
        if i != 0 && (c == b' ' || c == b'\t') {
            whitespace_found = true;
            continue;
        }
        break;
    }
    None
}

/// The index of the first line of the trailer block, scanning backwards from the end like git's
/// `find_trailer_block_start`.
fn block_start(lines: &[&str]) -> Option<usize> {
    // The first paragraph is the title and cannot hold trailers.
    let end_of_title = lines.iter().position(|l| !is_comment(l) && is_blank(l))?;
    let mut only_spaces = true;
    let mut recognized_prefix = false;
    let mut trailer_lines = 0usize;
    let mut non_trailer_lines = 0usize;
    // Lines starting with whitespace: continuations of a trailer above them, or prose.
    let mut possible_continuation_lines = 0usize;
    for i in (end_of_title..lines.len()).rev() {
        let line = lines.get(i).copied().unwrap_or_default();
        if is_comment(line) {
            non_trailer_lines += possible_continuation_lines;
            possible_continuation_lines = 0;
            continue;
        }
        if is_blank(line) {
            if only_spaces {
                continue;
            }
            non_trailer_lines += possible_continuation_lines;
            let all_trailers = trailer_lines > 0 && non_trailer_lines == 0;
            let mostly_trailers = recognized_prefix && trailer_lines * 3 >= non_trailer_lines;
            return (all_trailers || mostly_trailers).then_some(i + 1);
        }
        only_spaces = false;
        if GIT_GENERATED_PREFIXES.iter().any(|p| line.starts_with(p)) {
            trailer_lines += 1;
            possible_continuation_lines = 0;
            recognized_prefix = true;
        } else if separator(line).is_some() {
            trailer_lines += 1;
            possible_continuation_lines = 0;
        } else if starts_with_space(line) {
            possible_continuation_lines += 1;
        } else {
            non_trailer_lines += 1 + possible_continuation_lines;
            possible_continuation_lines = 0;
        }
    }
    None
}

/// The `Key: value` items of a trailer block, with continuation lines unfolded.
fn collect(block: &[&str]) -> Vec<Trailer> {
    let mut out: Vec<Trailer> = Vec::new();
    // Whether the previous item was a trailer (continuations of anything else are dropped).
    let mut last_is_trailer = false;
    for line in block {
        if is_comment(line) {
            last_is_trailer = false;
            continue;
        }
        if starts_with_space(line) {
            if last_is_trailer && let Some(last) = out.last_mut() {
                let piece = line.trim();
                if !piece.is_empty() {
                    if !last.value.is_empty() {
                        last.value.push(' ');
                    }
                    last.value.push_str(piece);
                }
            }
            continue;
        }
        match separator(line) {
            Some(at) => {
                let (key, value) = line.split_at(at);
                out.push(Trailer {
                    key: key.trim_end().to_string(),
                    value: value.get(1..).unwrap_or_default().trim().to_string(),
                });
                last_is_trailer = true;
            }
            None => last_is_trailer = false,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(message: &str) -> Vec<(String, String)> {
        parse_trailers(message)
            .into_iter()
            .map(|t| (t.key, t.value))
            .collect()
    }

    fn p(key: &str, value: &str) -> (String, String) {
        (key.to_string(), value.to_string())
    }

    #[test]
    fn co_authored_by_variants_keep_their_spelling() {
        let msg = "Add login\n\nLonger text.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\
                   Co-Authored-By: Claude <noreply@anthropic.com>\nco-authored-by: A <a@x>\n\
                   CO-AUTHORED-BY : B <b@x>\n";
        assert_eq!(
            pairs(msg),
            vec![
                p("Co-authored-by", "Claude <noreply@anthropic.com>"),
                p("Co-Authored-By", "Claude <noreply@anthropic.com>"),
                p("co-authored-by", "A <a@x>"),
                p("CO-AUTHORED-BY", "B <b@x>"),
            ]
        );
    }

    #[test]
    fn continuation_lines_fold_into_the_value() {
        let msg = "Subject\n\nReviewed-by: Some One\n  <some@one.example>\nTested-by:\n\tlater\n  \
                   and more\nAcked-by: X\n";
        assert_eq!(
            pairs(msg),
            vec![
                p("Reviewed-by", "Some One <some@one.example>"),
                p("Tested-by", "later and more"),
                p("Acked-by", "X"),
            ]
        );
    }

    #[test]
    fn mixed_paragraph_counts_with_signed_off_by_and_a_quarter_of_trailers() {
        // 2 trailers of 5 lines (40 %), one git-generated: a trailer block.
        let msg = "Subject\n\nBody.\n\nThis line is prose.\nSo is this one.\nAnd this.\n\
                   Signed-off-by: A <a@x>\nCo-authored-by: Claude <noreply@anthropic.com>\n";
        assert_eq!(
            pairs(msg),
            vec![
                p("Signed-off-by", "A <a@x>"),
                p("Co-authored-by", "Claude <noreply@anthropic.com>"),
            ]
        );
        // (cherry picked …) counts as a git-generated trailer line but is not a Key: value pair.
        let msg = "Subject\n\nprose\nprose\nprose\n(cherry picked from commit abc)\n";
        assert_eq!(pairs(msg), vec![]);
        let msg = "Subject\n\nprose\nprose\nprose\nSigned-off-by: A <a@x>\n\
                   (cherry picked from commit abc)\n";
        assert_eq!(pairs(msg), vec![p("Signed-off-by", "A <a@x>")]);
    }

    #[test]
    fn under_a_quarter_of_trailers_is_not_a_block() {
        // 1 trailer of 5 lines (20 %) even with Signed-off-by.
        let msg = "Subject\n\none\ntwo\nthree\nfour\nSigned-off-by: A <a@x>\n";
        assert_eq!(pairs(msg), vec![]);
    }

    #[test]
    fn prose_paragraph_has_no_trailers() {
        let msg = "Subject\n\nNote: this paragraph mentions a key: value\nbut it is prose.\n";
        assert_eq!(pairs(msg), vec![]);
        // Without a git-generated trailer, a single prose line disqualifies the block.
        let msg = "Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\nthanks!\n";
        assert_eq!(pairs(msg), vec![]);
        // Only the last paragraph counts.
        let msg = "Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nThe end.\n";
        assert_eq!(pairs(msg), vec![]);
    }

    #[test]
    fn subject_only_message_has_no_trailers() {
        assert_eq!(
            pairs("Co-authored-by: Claude <noreply@anthropic.com>\n"),
            vec![]
        );
        assert_eq!(
            pairs("Co-authored-by: Claude <noreply@anthropic.com>"),
            vec![]
        );
        assert_eq!(pairs("Fix: a bug\nSigned-off-by: A <a@x>\n"), vec![]);
        assert_eq!(pairs(""), vec![]);
        assert_eq!(pairs("\n\n"), vec![]);
    }

    #[test]
    fn patch_separator_ends_the_message() {
        let msg = "Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\n \
                   a.py | 2 +-\n\ndiff --git a/a.py b/a.py\n";
        assert_eq!(
            pairs(msg),
            vec![p("Co-authored-by", "Claude <noreply@anthropic.com>")]
        );
        // Trailers after the separator are not part of the message.
        let msg = "Subject\n\nBody\n--- \nSigned-off-by: A <a@x>\n";
        assert_eq!(pairs(msg), vec![]);
        // `----` is not a separator; the block is the paragraph after the blank line.
        let msg = "Subject\n\n----\n\nAcked-by: A\n";
        assert_eq!(pairs(msg), vec![p("Acked-by", "A")]);
    }

    #[test]
    fn crlf_line_endings() {
        let msg = "Subject\r\n\r\nBody\r\n\r\nCo-authored-by: Claude <noreply@anthropic.com>\r\n\
                   Reviewed-by: B\r\n  <b@x>\r\n\r\n";
        assert_eq!(
            pairs(msg),
            vec![
                p("Co-authored-by", "Claude <noreply@anthropic.com>"),
                p("Reviewed-by", "B <b@x>"),
            ]
        );
    }

    #[test]
    fn urls_in_values_do_not_split_the_key() {
        let msg = "Subject\n\nClaude-Session: https://claude.ai/code/session_01ABC?x=1:2\n\
                   Link: http://example.com\n";
        assert_eq!(
            pairs(msg),
            vec![
                p(
                    "Claude-Session",
                    "https://claude.ai/code/session_01ABC?x=1:2"
                ),
                p("Link", "http://example.com"),
            ]
        );
    }

    #[test]
    fn trailing_blank_and_comment_lines_are_ignored() {
        let msg = "Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n\n# Please enter \
                   the commit message\n#\n\n";
        assert_eq!(
            pairs(msg),
            vec![p("Co-authored-by", "Claude <noreply@anthropic.com>")]
        );
        let msg = "Subject\n\nAcked-by: A\n# ------------------------ >8 ------------------------\n\
                   diff --git a/x b/x\n";
        assert_eq!(pairs(msg), vec![p("Acked-by", "A")]);
    }

    #[test]
    fn keys_are_alphanumerics_and_dashes_without_inner_space() {
        assert_eq!(separator("Signed-off-by: x"), Some(13));
        assert_eq!(separator("Key : x"), Some(4));
        assert_eq!(separator("Key\t: x"), Some(4));
        assert_eq!(separator("Two words: x"), None);
        assert_eq!(separator(": x"), None);
        assert_eq!(separator(" Key: x"), None);
        assert_eq!(separator("Key_x: y"), None);
        assert_eq!(separator("no separator"), None);
        let msg = "Subject\n\nTwo words: x\n";
        assert_eq!(pairs(msg), vec![]);
        // An empty value is still a trailer.
        assert_eq!(pairs("Subject\n\nFixes:\n"), vec![p("Fixes", "")]);
    }

    #[test]
    fn body_of_all_trailers_right_after_the_subject() {
        let msg =
            "Subject\n\nSigned-off-by: A <a@x>\nCo-authored-by: Claude <noreply@anthropic.com>";
        assert_eq!(
            pairs(msg),
            vec![
                p("Signed-off-by", "A <a@x>"),
                p("Co-authored-by", "Claude <noreply@anthropic.com>"),
            ]
        );
    }

    #[test]
    fn leading_continuation_lines_count_as_prose() {
        let msg = "Subject\n\n  indented prose\nAcked-by: A\n";
        assert_eq!(pairs(msg), vec![]);
    }
}

#[cfg(test)]
mod stored_commit_tests {
    use super::*;

    #[test]
    fn stored_messages_have_no_patch_divider() {
        let msg = "fix\n\n---\n\nCo-authored-by: Claude <noreply@anthropic.com>\n";
        assert!(parse_trailers(msg).is_empty());
        let t = parse_commit_trailers(msg);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, "Claude <noreply@anthropic.com>");
    }
}

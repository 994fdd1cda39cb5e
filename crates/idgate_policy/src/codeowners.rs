//! CODEOWNERS with GitHub's semantics: who owns a path.
//!
//! Each line is a pattern followed by zero or more owners (`@user`, `@org/team` or an e-mail);
//! `#` starts a comment (at the start of a line, or as a token after the pattern). For a path, the
//! **last** matching line wins; a matching line without owners means the path has no owners.
//!
//! Patterns follow gitignore as GitHub documents it:
//!
//! - a leading `/` anchors the pattern to the repository root; a pattern with a `/` elsewhere
//!   (other than at the end) is anchored too; a pattern without one matches at any depth
//!   (`*.js`, `apps/`);
//! - a trailing `/` matches everything inside the directory, not a file of that name;
//! - a pattern that names a directory also matches everything beneath it (`/docs` owns
//!   `docs/a/b.md`);
//! - `*` matches within one path segment, `?` one character, `**` any number of segments;
//! - `dir/*` matches files directly in `dir` only, not deeper ones;
//! - `\` escapes the next character (`\ ` for a space, `\*` for a literal star).
//!
//! GitHub does not support `!` negation, `[ ]` character ranges, or escaping a leading `#`; such
//! lines are not used and are reported in [`CodeOwners::problems`], as are invalid owners (which
//! are dropped from their line). GitHub ignores a CODEOWNERS file with errors for review requests,
//! so callers should surface every problem. Parsing never fails and never panics.

use std::collections::BTreeSet;

/// A parsed CODEOWNERS file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeOwners {
    /// The usable lines, in file order.
    pub entries: Vec<CodeOwnersEntry>,
    /// Problems as (1-based line, message); lines with a pattern problem are not in `entries`.
    pub problems: Vec<(usize, String)>,
}

/// One usable CODEOWNERS line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeOwnersEntry {
    /// 1-based line number.
    pub line: usize,
    /// The pattern as written (escapes included).
    pub pattern: String,
    /// The owners; empty means the matching paths have no owners.
    pub owners: Vec<String>,
    segments: Vec<Segment>,
}

/// One `/`-separated part of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// `**`: any number of segments (at the end: one or more).
    AnyDirs,
    /// A lone `*`: exactly one segment; at the end it matches no deeper path.
    Star,
    /// A segment glob; at the end it also matches everything beneath.
    Name(Vec<Tok>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// `*` inside a segment.
    Any,
    /// `?`.
    One,
}

impl CodeOwnersEntry {
    /// Whether this line's pattern matches `path` (repository-relative, `/`-separated).
    pub fn matches(&self, path: &str) -> bool {
        let segs = path_segments(path);
        !segs.is_empty() && match_segments(&self.segments, &segs)
    }
}

impl CodeOwners {
    /// The owners of `path`: those of the last matching line; empty when no line matches or the
    /// last matching line has no owners.
    pub fn owners_of(&self, path: &str) -> &[String] {
        self.entry_for(path).map_or(&[], |e| e.owners.as_slice())
    }

    /// The line that decides the owners of `path`: the last matching one.
    pub fn entry_for(&self, path: &str) -> Option<&CodeOwnersEntry> {
        let segs = path_segments(path);
        if segs.is_empty() {
            return None;
        }
        self.entries
            .iter()
            .rev()
            .find(|e| match_segments(&e.segments, &segs))
    }

    /// Every owner of any of `paths`.
    pub fn owners_of_all<I>(&self, paths: I) -> BTreeSet<String>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        paths
            .into_iter()
            .flat_map(|p| self.owners_of(p.as_ref()).to_vec())
            .collect()
    }
}

/// Parse a CODEOWNERS file. Never fails: problems are collected per line.
pub fn parse_codeowners(text: &str) -> CodeOwners {
    let mut out = CodeOwners::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw).trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (pattern, rest) = split_pattern(line);
        let segments = match compile(&pattern) {
            Ok(s) => s,
            Err(why) => {
                out.problems
                    .push((line_no, format!("pattern {pattern:?}: {why}; line ignored")));
                continue;
            }
        };
        let mut owners: Vec<String> = Vec::new();
        for token in rest.split_whitespace() {
            if token.starts_with('#') {
                break;
            }
            if !is_valid_owner(token) {
                out.problems.push((
                    line_no,
                    format!("invalid owner {token:?}: expected @user, @org/team or an e-mail"),
                ));
            } else if !owners.iter().any(|o| o == token) {
                owners.push(token.to_owned());
            }
        }
        out.entries.push(CodeOwnersEntry {
            line: line_no,
            pattern,
            owners,
            segments,
        });
    }
    out
}

/// Split a line into its pattern (up to the first unescaped whitespace) and the rest.
fn split_pattern(line: &str) -> (String, &str) {
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c.is_whitespace() {
            return (line[..i].to_owned(), &line[i..]);
        }
    }
    (line.to_owned(), "")
}

/// Compile a pattern as written into segments.
fn compile(pattern: &str) -> Result<Vec<Segment>, String> {
    if pattern.starts_with('!') {
        return Err("negation (`!`) is not supported by GitHub CODEOWNERS".into());
    }
    if pattern.starts_with("\\#") {
        return Err("escaping a leading `#` is not supported by GitHub CODEOWNERS".into());
    }
    if pattern.contains("***") {
        return Err("`***` is not a valid pattern".into());
    }
    if pattern == "/" {
        return Err("`/` matches no file".into());
    }
    let mut parts: Vec<&str> = pattern.split('/').collect();
    let anchored = parts.first() == Some(&"");
    if anchored {
        parts.remove(0);
    }
    let dir_only = parts.len() > 1 && parts.last() == Some(&"");
    if dir_only {
        parts.pop();
    }
    if parts.iter().any(|p| p.is_empty()) {
        return Err("empty path segment (`//`)".into());
    }
    let mut segments = Vec::with_capacity(parts.len() + 2);
    // A pattern without a slash (other than a trailing one) matches at any depth.
    if !anchored && parts.len() == 1 && parts[0] != "**" {
        segments.push(Segment::AnyDirs);
    }
    for part in &parts {
        segments.push(match *part {
            "**" => Segment::AnyDirs,
            "*" => Segment::Star,
            _ => Segment::Name(tokens(part)?),
        });
    }
    if dir_only {
        // Trailing slash: everything inside, not the entry itself.
        segments.push(Segment::AnyDirs);
    }
    Ok(segments)
}

fn tokens(part: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::with_capacity(part.len());
    let mut chars = part.chars();
    while let Some(c) = chars.next() {
        toks.push(match c {
            '\\' => match chars.next() {
                Some(e) => Tok::Lit(e),
                None => return Err("a trailing `\\` escapes nothing".into()),
            },
            '[' | ']' => {
                return Err(
                    "character ranges (`[ ]`) are not supported by GitHub CODEOWNERS; \
                            escape a literal bracket as `\\[`"
                        .into(),
                );
            }
            '*' => Tok::Any,
            '?' => Tok::One,
            c => Tok::Lit(c),
        });
    }
    Ok(toks)
}

/// A path's segments, ignoring a leading `/` or `./` and empty segments.
fn path_segments(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect()
}

/// Whether `pattern` matches `path`, by dynamic programming over (segment, path position) so
/// that many `**` segments stay linear in the path length.
fn match_segments(pattern: &[Segment], path: &[&str]) -> bool {
    let (p, n) = (pattern.len(), path.len());
    // ok[i][j]: pattern[i..] matches path[j..].
    let mut ok = vec![vec![false; n + 1]; p + 1];
    ok[p][n] = true;
    for i in (0..p).rev() {
        let last = i + 1 == p;
        for j in (0..=n).rev() {
            ok[i][j] = match &pattern[i] {
                // At the end, `**` needs at least one more segment.
                Segment::AnyDirs if last => j < n,
                // Zero segments, or one more and `**` again.
                Segment::AnyDirs => ok[i + 1][j] || (j < n && ok[i][j + 1]),
                // At the end, a lone `*` matches exactly the last segment, nothing beneath.
                Segment::Star => j < n && if last { j + 1 == n } else { ok[i + 1][j + 1] },
                // At the end, a name also matches everything beneath it.
                Segment::Name(toks) => {
                    j < n && glob_match(toks, path[j]) && (last || ok[i + 1][j + 1])
                }
            };
        }
    }
    ok[0][0]
}

/// Wildcard match of one segment (`*` any run, `?` one character), without backtracking blowup.
fn glob_match(toks: &[Tok], name: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let (mut t, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match toks.get(t) {
            Some(Tok::Any) => {
                star = Some((t, n));
                t += 1;
            }
            Some(Tok::One) => {
                t += 1;
                n += 1;
            }
            Some(Tok::Lit(c)) if *c == name[n] => {
                t += 1;
                n += 1;
            }
            _ => match star {
                Some((st, sn)) => {
                    t = st + 1;
                    n = sn + 1;
                    star = Some((st, sn + 1));
                }
                None => return false,
            },
        }
    }
    toks[t..].iter().all(|tok| *tok == Tok::Any)
}

/// Whether `owner` is a CODEOWNERS owner: `@user`, `@org/team`, or an e-mail address.
pub fn is_valid_owner(owner: &str) -> bool {
    let handle_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if let Some(handle) = owner.strip_prefix('@') {
        return match handle.split_once('/') {
            Some((org, team)) => {
                !org.is_empty()
                    && !team.is_empty()
                    && org.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && team.chars().all(|c| handle_char(c) || c == '.')
            }
            None => !handle.is_empty() && handle.chars().all(handle_char),
        };
    }
    let Some((local, domain)) = owner.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners(co: &CodeOwners, path: &str) -> Vec<String> {
        co.owners_of(path).to_vec()
    }

    /// Does `pattern` (alone in a file) match `path`?
    fn m(pattern: &str, path: &str) -> bool {
        let co = parse_codeowners(&format!("{pattern} @o\n"));
        assert!(co.problems.is_empty(), "{pattern}: {:?}", co.problems);
        !co.owners_of(path).is_empty()
    }

    fn check(pattern: &str, cases: &[(&str, bool)]) {
        for (path, expected) in cases {
            assert_eq!(
                m(pattern, path),
                *expected,
                "pattern {pattern:?} path {path:?}"
            );
        }
    }

    #[test]
    fn single_segment_matches_at_any_depth_as_file_or_directory() {
        check(
            "foo",
            &[
                ("foo", true),
                ("foo.txt", false),
                ("foo/bar", true),
                ("bar/foo", true),
                ("bar/foo.txt", false),
                ("bar/baz", false),
                ("bar/foo/baz", true),
            ],
        );
    }

    #[test]
    fn leading_slash_anchors_to_root() {
        check(
            "/foo",
            &[
                ("foo", true),
                ("fool.txt", false),
                ("foo/bar", true),
                ("bar/foo", false),
                ("foo/bar/baz", true),
                ("bar/foo/baz", false),
            ],
        );
    }

    #[test]
    fn trailing_slash_matches_directory_contents_only() {
        check(
            "foo/",
            &[
                ("foo", false),
                ("foo/bar", true),
                ("foo/bar/baz", true),
                ("bar/foo", false),
                ("bar/foo/baz", true),
                ("bar/foo/baz/qux", true),
            ],
        );
        check(
            "/foo/",
            &[
                ("foo", false),
                ("foo/bar", true),
                ("foo/bar/baz", true),
                ("bar/foo/baz", false),
            ],
        );
    }

    #[test]
    fn inner_slash_anchors_to_root() {
        for p in ["foo/bar", "/foo/bar"] {
            check(
                p,
                &[
                    ("foo/bar", true),
                    ("foo/bart", false),
                    ("foo/bar/baz", true),
                    ("baz/foo/bar", false),
                    ("baz/foo/bar/qux", false),
                ],
            );
        }
        check(
            "foo/bar/",
            &[
                ("foo/bar", false),
                ("foo/bar/baz", true),
                ("foo/bar/baz/qux", true),
                ("baz/foo/bar/qux", false),
            ],
        );
    }

    #[test]
    fn star_does_not_cross_slashes() {
        check(
            "*",
            &[("foo", true), ("foo/bar", true), ("bar/foo/baz", true)],
        );
        check(
            "f*",
            &[
                ("foo", true),
                ("foo/bar", true),
                ("bar/foo/baz", true),
                ("bar/baz", false),
                ("xfoo", false),
            ],
        );
        check(
            "/*",
            &[
                ("foo", true),
                ("bar", true),
                ("foo/bar", false),
                ("foo/bar/baz", false),
            ],
        );
        check(
            "/f*",
            &[
                ("foo", true),
                ("foo/bar", true),
                ("bar/foo", false),
                ("xfoo", false),
            ],
        );
        check(
            "f*/",
            &[
                ("foo", false),
                ("foo/bar", true),
                ("bar/foo", false),
                ("bar/foo/baz", true),
            ],
        );
        check(
            "/*/",
            &[("foo", false), ("foo/bar", true), ("bar/foo/baz", true)],
        );
        check(
            "/f*/",
            &[("foo", false), ("foo/bar", true), ("bar/foo/baz", false)],
        );
        check(
            "*.js",
            &[
                ("a.js", true),
                ("src/deep/a.js", true),
                ("a.jsx", false),
                ("a.js.map", false),
            ],
        );
    }

    #[test]
    fn dir_star_matches_direct_children_only() {
        check(
            "docs/*",
            &[
                ("docs", false),
                ("docs/getting-started.md", true),
                ("docs/build-app/troubleshooting.md", false),
                ("x/docs/a.md", false),
            ],
        );
        check(
            "foo/*.txt",
            &[
                ("foo/bar.txt", true),
                ("foo/bar/baz.txt", false),
                ("qux/foo/bar.txt", false),
            ],
        );
        check(
            "foo/*/baz",
            &[
                ("foo/baz", false),
                ("foo/bar/baz", true),
                ("foo/bar/baz/qux", true),
                ("foo/a/b/baz", false),
            ],
        );
    }

    #[test]
    fn question_mark_and_escapes() {
        check("f?o", &[("foo", true), ("fo", false), ("fooo", false)]);
        check("f\\?o", &[("foo", false), ("f?o", true)]);
        check("f\\*o", &[("foo", false), ("f*o", true)]);
        check("my\\ file.txt", &[("my file.txt", true), ("my", false)]);
        check("\\[literal\\]", &[("[literal]", true), ("l", false)]);
    }

    #[test]
    fn double_star() {
        check(
            "**/foo/bar",
            &[
                ("foo/bar", true),
                ("qux/foo/bar", true),
                ("qux/foo/bar/baz", true),
                ("foo/baz/bar", false),
            ],
        );
        check(
            "**/logs",
            &[
                ("logs", true),
                ("build/logs/a.log", true),
                ("a/b/logs/c/d", true),
            ],
        );
        check(
            "foo/bar/**",
            &[
                ("foo/bar", false),
                ("foo/bar/baz", true),
                ("foo/bar/baz/qux", true),
                ("qux/foo/bar/baz", false),
            ],
        );
        check(
            "foo/**/bar",
            &[
                ("foo/bar", true),
                ("foo/bar/baz", true),
                ("foo/qux/bar/baz", true),
                ("foo/qux/quux/bar/baz", true),
                ("qux/foo/bar", false),
            ],
        );
        check(
            "foo/**/",
            &[("foo", false), ("foo/bar", true), ("foo/bar/baz", true)],
        );
        check(
            "foo/**/bar/b*",
            &[
                ("foo/bar", false),
                ("foo/bar/baz", true),
                ("foo/bar/qux", false),
                ("foo/qux/bar/baz", true),
            ],
        );
        check("**", &[("a", true), ("a/b/c", true)]);
        check(
            "**/*bar*",
            &[("bar", true), ("foo/rebar", true), ("foo/qux/barrio", true)],
        );
    }

    #[test]
    fn patterns_are_case_sensitive() {
        check("/Docs/", &[("Docs/a.md", true), ("docs/a.md", false)]);
    }

    #[test]
    fn last_matching_line_wins_and_empty_owners_unown() {
        let co = parse_codeowners(
            "\
# Global owners.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
",
        );
        assert!(co.problems.is_empty(), "{:?}", co.problems);
        assert_eq!(
            owners(&co, "README.md"),
            ["@global-owner1", "@global-owner2"]
        );
        assert_eq!(owners(&co, "src/app.js"), ["@js-owner"]);
        assert_eq!(owners(&co, "cmd/main.go"), ["docs@example.com"]);
        assert_eq!(owners(&co, "build/logs/x.txt"), ["@octocat"]); // **/logs is later
        assert_eq!(owners(&co, "docs/getting-started.md"), ["@doctocat"]);
        assert_eq!(owners(&co, "scripts/deploy.sh"), ["@doctocat", "@octocat"]);
        assert_eq!(owners(&co, "apps/web/index.html"), ["@octocat"]);
        assert_eq!(owners(&co, "x/apps/y.txt"), ["@octocat"]);
        // `/apps/github` with no owners: nobody owns it.
        assert!(owners(&co, "apps/github/a.rs").is_empty());
        assert_eq!(co.entry_for("apps/github/a.rs").unwrap().line, 12);
        // Inline comment dropped.
        assert_eq!(co.entries[1].owners, ["@js-owner"]);
    }

    #[test]
    fn no_match_means_no_owners() {
        let co = parse_codeowners("/app/ @a\n");
        assert!(co.owners_of("lib/x").is_empty());
        assert!(co.entry_for("lib/x").is_none());
        assert!(co.owners_of("").is_empty());
    }

    #[test]
    fn owners_of_all_is_the_union() {
        let co = parse_codeowners("/app/ @a @b\n/lib/ @b @acme/sec\n/app/auth/ @acme/sec\n");
        let all = co.owners_of_all(["app/x.py", "lib/y.py", "app/auth/z.py", "other"]);
        assert_eq!(
            all.into_iter().collect::<Vec<_>>(),
            ["@a", "@acme/sec", "@b"]
        );
        let none: [&str; 0] = [];
        assert!(co.owners_of_all(none).is_empty());
        assert_eq!(co.owners_of_all(vec![String::from("app/x")]).len(), 2);
    }

    #[test]
    fn paths_are_normalized() {
        let co = parse_codeowners("/app/ @a\n");
        assert_eq!(owners(&co, "/app/x"), ["@a"]);
        assert_eq!(owners(&co, "./app/x"), ["@a"]);
        assert_eq!(owners(&co, "app//x"), ["@a"]);
    }

    #[test]
    fn unsupported_syntax_is_reported_and_ignored() {
        let co = parse_codeowners(
            "\
* @all
!/vendor/ @nobody
/src/[ab].rs @x
\\#notes @y
/a/***/b @z
/ @root
/a//b @w
/trail\\
/ok/ @ok
",
        );
        let lines: Vec<usize> = co.problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8]);
        assert!(co.problems[0].1.contains("negation"));
        assert!(co.problems[1].1.contains("character ranges"));
        assert!(co.problems[2].1.contains("leading `#`"));
        assert!(co.problems[3].1.contains("***"));
        assert!(co.problems[4].1.contains("matches no file"));
        assert!(co.problems[5].1.contains("empty path segment"));
        assert!(co.problems[6].1.contains("escapes nothing"));
        assert!(co.problems.iter().all(|p| p.1.ends_with("line ignored")));
        // Only the good lines are used.
        assert_eq!(
            co.entries.iter().map(|e| e.line).collect::<Vec<_>>(),
            [1, 9]
        );
        assert_eq!(owners(&co, "vendor/x"), ["@all"]);
    }

    #[test]
    fn invalid_owners_are_reported_and_dropped() {
        let co = parse_codeowners("/app/ @ok alice @org/team bad@ @a/b/c x@y.io @@ @ok\n");
        assert_eq!(
            co.problems.iter().map(|p| p.0).collect::<Vec<_>>(),
            [1, 1, 1, 1]
        );
        assert!(co.problems[0].1.contains("\"alice\""));
        assert_eq!(owners(&co, "app/x"), ["@ok", "@org/team", "x@y.io"]);
    }

    #[test]
    fn owner_syntax() {
        for ok in [
            "@octocat",
            "@octo-cat",
            "@user_emu",
            "@acme/security",
            "@acme/sec_team",
            "@acme/team.v2",
            "alice@example.com",
            "a.b+c@mail.example.co",
        ] {
            assert!(is_valid_owner(ok), "{ok}");
        }
        for bad in [
            "",
            "@",
            "octocat",
            "@a/",
            "@/b",
            "@a/b/c",
            "@a b",
            "a@",
            "@example.com",
            "a@b",
            "a@b.c",
            "a@b..com",
            "a@@b.com",
            "a b@c.com",
        ] {
            assert!(!is_valid_owner(bad), "{bad}");
        }
    }

    #[test]
    fn crlf_tabs_bom_and_comments() {
        let co = parse_codeowners(
            "\u{feff}# c\r\n\r\n*.rs\t@rust\r\n   /docs/   @docs   # trailing\r\n",
        );
        assert!(co.problems.is_empty(), "{:?}", co.problems);
        assert_eq!(owners(&co, "src/lib.rs"), ["@rust"]);
        assert_eq!(owners(&co, "docs/a.md"), ["@docs"]);
        assert_eq!(co.entries[0].line, 3);
        assert_eq!(co.entries[1].line, 4);
        assert_eq!(co.entries[1].pattern, "/docs/");
    }

    #[test]
    fn empty_file() {
        let co = parse_codeowners("");
        assert_eq!(co, CodeOwners::default());
        assert!(co.owners_of("a").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        // A small deterministic generator over an alphabet of the interesting characters.
        let alphabet: Vec<char> = "ab/*?\\[]!# \t\r\n@.-_é\u{0}".chars().collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = usize::try_from(state % alphabet.len() as u64).unwrap();
                text.push(alphabet[i]);
            }
            let co = parse_codeowners(&text);
            for path in ["a", "a/b", "ab/ba/a", "", "/", "é/*"] {
                let _ = co.owners_of(path);
            }
        }
    }

    #[test]
    fn many_double_stars_stay_fast() {
        let co = parse_codeowners("**/a/**/a/**/a/**/a/**/a/**/b @x\n");
        let path = vec!["a"; 40].join("/");
        assert!(co.owners_of(&path).is_empty());
    }
}

//! A parser for unified diffs: what `git diff` (with `--binary`, `-M`, mode changes, quoted
//! paths), `git format-patch` (one or many mbox messages) and a forge's `.diff` produce, and plain
//! `--- a/x` / `+++ b/x` diffs.
//!
//! Each file section becomes a [`FileChange`] whose hunks are the runs of changed lines (context
//! excluded), as git's own blob diff would give them, and whose texts are rebuilt from the lines
//! the patch shows (other lines blank, `partial: true`). Each `git format-patch` message becomes a
//! [`Commit`].
//!
//! The parser is strict where a mistake could hide a change: hunk line counts are checked exactly,
//! unknown lines inside a file header and diff lines past the end of a hunk are errors, and every
//! error names the 1-based input line. Text before, between and after file sections (commit
//! messages, `git show` headers, diffstats, mail signatures) is skipped. It never panics.

use std::borrow::Cow;
use std::collections::HashSet;

use idgate_core::{Commit, FileChange, FileNote, FileStatus, Hunk, Identity, SkipReason};

use crate::trailers::parse_trailers;

/// The largest partial text rebuilt for one side of one file. Lines far down a file are placed
/// by padding with empty lines; a hunk header claiming line 4,000,000,000 must not allocate 4 GB.
/// Files beyond this are kept, with [`SkipReason::TooLarge`].
const MAX_TEXT_BYTES: u64 = 64 << 20;

/// The largest total of padding (empty lines) over all rebuilt texts of one patch.
const MAX_TOTAL_PADDING: u64 = 256 << 20;

/// What a patch holds: the commits of `git format-patch` messages and the files of all sections.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedPatch {
    /// One commit per `git format-patch` message that changes files, in input order. Empty for
    /// plain diffs.
    pub commits: Vec<Commit>,
    /// One entry per file section, in input order. A path appears once per message that changes
    /// it.
    pub files: Vec<FileChange>,
}

/// A malformed patch: where (the 1-based input line) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct PatchError {
    /// The 1-based line of the input where the problem is.
    pub line: usize,
    /// What is wrong, in a sentence.
    pub message: String,
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, PatchError> {
    Err(PatchError {
        line,
        message: message.into(),
    })
}

/// Parse a unified diff, a `git format-patch` mbox or a forge `.diff`.
///
/// Per file section, a [`FileChange`]:
/// - `path` is the new path (the old one for deletions), without `a/`/`b/` (or mnemonic, or
///   `--src-prefix`/`--dst-prefix`) prefixes; C-quoted names are unquoted. `old_path` is set for
///   renames (`rename from/to`, or differing `---`/`+++` names) and copies.
/// - `status`: `Added` (`new file mode`, `--- /dev/null`; also copies, which keep `old_path`),
///   `Deleted`, `Renamed` or `Modified`.
/// - `hunks`: one per contiguous run of `-`/`+` lines, context excluded, in [`Hunk`]'s
///   conventions, so [`FileChange::added_ranges`] are exactly the added lines.
/// - `old_text`/`new_text`: line N is line N of the file where the patch shows it, empty
///   elsewhere, up to the last line shown (`partial: true`); `None` for the missing side of an
///   added or deleted file.
/// - `skipped`: [`SkipReason::Binary`] (`Binary files … differ`, `GIT binary patch`),
///   [`SkipReason::Submodule`] (mode 160000, `Subproject commit`), [`SkipReason::Symlink`]
///   (mode 120000), all without hunks or texts; [`SkipReason::TooLarge`] when a rebuilt text
///   would pass 64 MiB (hunks kept, texts dropped).
/// - `notes`: [`FileNote::ModeChanged`] for `old mode`/`new mode`, [`FileNote::InvalidUtf8`] when
///   a line of the section is not UTF-8 (it is decoded lossily).
///
/// Per `git format-patch` message with files, a [`Commit`]: the id of its `From <id>` line (empty
/// without one), the author of `From:`/`Date:` (also the committer), the message (subject without
/// its `[PATCH …]` tag, a blank line, the body up to `---`) and its trailers.
///
/// Lines may end in LF or CRLF (one trailing `\r` is dropped from every line). Text outside file
/// sections is skipped. Input without any file section is an error, as is a hunk whose lines do
/// not match its header, an unknown line in a file header, or a diff line after a hunk is
/// complete; the error names the input line.
pub fn parse_patch(input: &[u8]) -> Result<ParsedPatch, PatchError> {
    let mut parser = Parser::new(input);
    parser.run()?;
    if parser.files.is_empty() {
        let what = if input.iter().all(u8::is_ascii_whitespace) {
            "no file changes found: the input is empty"
        } else {
            "no file changes found: expected 'diff --git' or '---'/'+++' lines followed by hunks"
        };
        return err(1, what);
    }
    Ok(ParsedPatch {
        commits: parser.commits,
        files: parser.files,
    })
}

/// Split into lines on `\n`, dropping one trailing `\r` of each.
fn split_lines(input: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::with_capacity(input.len() / 40 + 1);
    let mut rest = input;
    while !rest.is_empty() {
        let (line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (rest.get(..i).unwrap_or_default(), rest.get(i + 1..)),
            None => (rest, None),
        };
        lines.push(line.strip_suffix(b"\r").unwrap_or(line));
        rest = next.unwrap_or_default();
    }
    lines
}

/// What the parser is looking at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Outside any file section: unknown text is skipped.
    Lenient,
    /// The header block of a mail message.
    MailHeaders,
    /// The body of a mail message (the commit message), up to `---`.
    MailBody,
    /// After a file section's header or hunk: only hunks, markers, blank lines and the start of
    /// something else may follow; diff lines are errors.
    AfterFile,
}

/// A `git format-patch` message being read.
#[derive(Debug, Default)]
struct Message {
    id: String,
    from: Option<String>,
    date: Option<String>,
    subject: Option<String>,
    /// Which header a continuation line extends.
    last_header: Option<MailHeader>,
    body: Vec<String>,
    /// Whether in-body `From:`/`Date:`/`Subject:` lines may still come.
    in_body_headers: bool,
    /// Whether one did.
    saw_in_body_header: bool,
    paths: Vec<String>,
    /// The same paths, for de-duplication in constant time.
    seen: HashSet<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MailHeader {
    From,
    Date,
    Subject,
    Other,
}

impl Message {
    fn set(&mut self, header: MailHeader, value: String) {
        match header {
            MailHeader::From => self.from = Some(value),
            MailHeader::Date => self.date = Some(value),
            MailHeader::Subject => self.subject = Some(value),
            MailHeader::Other => {}
        }
        self.last_header = Some(header);
    }

    fn extend(&mut self, continuation: &str) {
        let target = match self.last_header {
            Some(MailHeader::From) => self.from.as_mut(),
            Some(MailHeader::Date) => self.date.as_mut(),
            Some(MailHeader::Subject) => self.subject.as_mut(),
            _ => None,
        };
        if let Some(value) = target {
            // RFC 5322 unfolding: drop the line break, keep the whitespace.
            value.push_str(continuation);
        }
    }

    fn into_commit(self) -> Commit {
        let (name, email) = parse_mailbox(self.from.as_deref().unwrap_or(""));
        let (time, offset) = self
            .date
            .as_deref()
            .and_then(parse_rfc2822_date)
            .unwrap_or((0, 0));
        let subject = strip_patch_prefix(&decode_rfc2047(self.subject.as_deref().unwrap_or("")));
        let first = self.body.iter().position(|l| !l.trim().is_empty());
        let last = self.body.iter().rposition(|l| !l.trim().is_empty());
        let mut message = subject;
        message.push('\n');
        if let (Some(first), Some(last)) = (first, last) {
            message.push('\n');
            for line in self.body.get(first..=last).unwrap_or_default() {
                message.push_str(line);
                message.push('\n');
            }
        }
        let author = Identity {
            name,
            email,
            time,
            offset,
        };
        Commit {
            id: self.id,
            parents: Vec::new(),
            committer: author.clone(),
            author,
            trailers: parse_trailers(&message),
            message,
            signature: None,
            signed_payload: None,
            notes: Vec::new(),
            paths: self.paths,
        }
    }
}

/// One side (old or new) of a file's rebuilt partial text.
#[derive(Debug)]
struct Side {
    text: String,
    /// The line number the next line appended would have.
    next: u32,
    /// Whether a `\ No newline at end of file` marker followed the last line placed.
    no_eol: bool,
}

impl Default for Side {
    fn default() -> Self {
        Side {
            text: String::new(),
            next: 1,
            no_eol: false,
        }
    }
}

impl Side {
    /// Put `content` at line `line`, padding with empty lines. `Err(size)` when the text would
    /// grow past the caps, with the size it would have had.
    fn place(&mut self, line: u32, content: &str, padding_left: &mut u64) -> Result<(), u64> {
        if line < self.next {
            // Hunks are checked to be in order, so this does not happen; never go backwards.
            return Ok(());
        }
        let pad = u64::from(line - self.next);
        let size = (self.text.len() as u64)
            .saturating_add(pad)
            .saturating_add(content.len() as u64)
            .saturating_add(1);
        if size > MAX_TEXT_BYTES || pad > *padding_left {
            return Err(size);
        }
        *padding_left -= pad;
        self.text
            .extend(std::iter::repeat_n('\n', usize::try_from(pad).unwrap_or(0)));
        self.text.push_str(content);
        self.text.push('\n');
        self.next = line.saturating_add(1);
        self.no_eol = false;
        Ok(())
    }

    fn finish(mut self) -> String {
        // A last line without a newline is not empty; otherwise the marker was misplaced.
        if self.no_eol
            && self.text.ends_with('\n')
            && !self.text.ends_with("\n\n")
            && self.text != "\n"
        {
            self.text.pop();
        }
        self.text
    }
}

/// Which side(s) the last hunk body line belonged to, for `\ No newline at end of file`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LastBody {
    Both,
    Old,
    New,
}

/// A name on a `---`/`+++` line: a path, or `/dev/null`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatchName {
    Path(String),
    DevNull,
}

/// A file section being read.
#[derive(Debug, Default)]
struct FileBuilder {
    /// 1-based line of the section's first line.
    line: usize,
    /// Names of the `diff --git` line, prefixes not yet stripped.
    header: Option<(String, String)>,
    minus: Option<PatchName>,
    plus: Option<PatchName>,
    rename_from: Option<String>,
    rename_to: Option<String>,
    copy_from: Option<String>,
    copy_to: Option<String>,
    new_file: bool,
    deleted_file: bool,
    old_mode: Option<String>,
    new_mode: Option<String>,
    /// Modes of `new file mode`, `deleted file mode` and the `index` line.
    other_modes: Vec<String>,
    binary: bool,
    hunks: Vec<Hunk>,
    /// Line, old and new count of the last hunk header, for error messages.
    last_hunk: Option<(usize, u32, u32)>,
    /// The first old and new line numbers a next hunk may start at.
    old_min: u32,
    new_min: u32,
    old: Side,
    new: Side,
    content_lines: u64,
    subproject_lines: u64,
    invalid_utf8: bool,
    too_large: Option<u64>,
}

impl FileBuilder {
    fn new(line: usize) -> Self {
        FileBuilder {
            line,
            old_min: 1,
            new_min: 1,
            ..FileBuilder::default()
        }
    }

    fn check_utf8(&mut self, line: &[u8]) {
        if std::str::from_utf8(line).is_err() {
            self.invalid_utf8 = true;
        }
    }

    /// Decode a path, noting invalid UTF-8.
    fn path(&mut self, bytes: Vec<u8>) -> String {
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                self.invalid_utf8 = true;
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        }
    }

    fn is_added(&self) -> bool {
        self.new_file || self.minus == Some(PatchName::DevNull)
    }

    fn is_deleted(&self) -> bool {
        self.deleted_file || self.plus == Some(PatchName::DevNull)
    }

    /// The best name known so far, for messages.
    fn display_name(&self) -> String {
        let from_patch = |n: &Option<PatchName>| match n {
            Some(PatchName::Path(p)) => Some(p.clone()),
            _ => None,
        };
        self.rename_to
            .clone()
            .or_else(|| from_patch(&self.plus))
            .or_else(|| from_patch(&self.minus))
            .or_else(|| self.header.as_ref().map(|(_, n)| n.clone()))
            .unwrap_or_default()
    }

    /// Put a hunk body line on one side, unless the text is already too large.
    fn place(&mut self, new_side: bool, line: u32, content: &str, padding_left: &mut u64) {
        if self.too_large.is_some() {
            return;
        }
        let side = if new_side {
            &mut self.new
        } else {
            &mut self.old
        };
        if let Err(size) = side.place(line, content, padding_left) {
            self.too_large = Some(size);
        }
    }

    fn finish(self) -> Result<FileChange, PatchError> {
        let added = self.is_added();
        let deleted = self.is_deleted();
        if added && deleted {
            return err(
                self.line,
                format!(
                    "file '{}' is marked both as new and as deleted",
                    self.display_name()
                ),
            );
        }
        let (old_prefix, new_prefix) = match &self.header {
            Some((old, new)) => prefixes(old, new, true),
            None => match (&self.minus, &self.plus) {
                (Some(PatchName::Path(old)), Some(PatchName::Path(new))) => {
                    prefixes(old, new, false)
                }
                _ => ("a/".into(), "b/".into()),
            },
        };
        let strip = |name: &str, prefix: &str| -> String {
            name.strip_prefix(prefix).unwrap_or(name).to_string()
        };
        let patch_name = |n: &Option<PatchName>, prefix: &str| match n {
            Some(PatchName::Path(p)) => Some(strip(p, prefix)),
            _ => None,
        };
        let header_old = self.header.as_ref().map(|(o, _)| strip(o, &old_prefix));
        let header_new = self.header.as_ref().map(|(_, n)| strip(n, &new_prefix));
        let copied = self.copy_from.is_some();
        let old_name = self
            .rename_from
            .clone()
            .or_else(|| self.copy_from.clone())
            .or_else(|| patch_name(&self.minus, &old_prefix))
            .or(header_old);
        let new_name = self
            .rename_to
            .clone()
            .or_else(|| self.copy_to.clone())
            .or_else(|| patch_name(&self.plus, &new_prefix))
            .or(header_new);
        let path = if deleted {
            old_name.clone()
        } else {
            new_name.clone()
        };
        let path = match path {
            Some(p) if !p.is_empty() => p,
            _ => return err(self.line, "cannot find the file name of this file section"),
        };
        let (status, old_path) = if copied {
            (FileStatus::Added, old_name)
        } else if added {
            (FileStatus::Added, None)
        } else if deleted {
            (FileStatus::Deleted, None)
        } else if old_name.as_ref().is_some_and(|o| *o != path) {
            (FileStatus::Renamed, old_name)
        } else {
            (FileStatus::Modified, None)
        };
        let mut notes = Vec::new();
        if let (Some(old), Some(new)) = (&self.old_mode, &self.new_mode)
            && old != new
        {
            notes.push(FileNote::ModeChanged {
                old: old.clone(),
                new: new.clone(),
            });
        }
        if self.invalid_utf8 {
            notes.push(FileNote::InvalidUtf8);
        }
        let modes = || {
            self.old_mode
                .iter()
                .chain(self.new_mode.iter())
                .chain(self.other_modes.iter())
        };
        let submodule = modes().any(|m| m == "160000")
            || (self.content_lines > 0 && self.subproject_lines == self.content_lines);
        let skipped = if submodule {
            Some(SkipReason::Submodule)
        } else if modes().any(|m| m == "120000") {
            Some(SkipReason::Symlink)
        } else if self.binary {
            Some(SkipReason::Binary)
        } else {
            self.too_large.map(|size| SkipReason::TooLarge {
                size,
                limit: MAX_TEXT_BYTES,
            })
        };
        let (old_text, new_text, hunks) = match skipped {
            Some(SkipReason::TooLarge { .. }) => (None, None, self.hunks),
            Some(_) => (None, None, Vec::new()),
            None => (
                (!added || copied).then(|| self.old.finish()),
                (!deleted).then(|| self.new.finish()),
                self.hunks,
            ),
        };
        Ok(FileChange {
            path,
            old_path,
            status,
            old_text,
            new_text,
            hunks,
            skipped,
            notes,
            partial: true,
        })
    }
}

/// The prefixes to strip from the two names of a section: `a/` and `b/`, a pair of git's
/// mnemonic prefixes (`c/`, `i/`, `o/`, `w/`), or none (`--no-prefix`). For the names of a
/// `diff --git` line (`custom`), also any two differing first directories followed by the same
/// rest, as `--src-prefix`/`--dst-prefix` write (git writes renames with `rename from/to` lines).
fn prefixes(old: &str, new: &str, custom: bool) -> (String, String) {
    const MNEMONIC: [&str; 4] = ["c/", "i/", "o/", "w/"];
    if old.starts_with("a/") && new.starts_with("b/") {
        return ("a/".into(), "b/".into());
    }
    for o in MNEMONIC {
        for n in MNEMONIC {
            if o != n && old.starts_with(o) && new.starts_with(n) {
                return (o.into(), n.into());
            }
        }
    }
    if custom
        && let (Some(o), Some(n)) = (old.find('/'), new.find('/'))
        && old.get(o..) == new.get(n..)
        && old.get(..o) != new.get(..n)
    {
        let prefix = |s: &str, at: usize| s.get(..=at).unwrap_or_default().to_string();
        return (prefix(old, o), prefix(new, n));
    }
    (String::new(), String::new())
}

/// A parsed `@@ -a,b +c,d @@` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HunkHeader {
    old_start: u32,
    old_lines: u32,
    new_start: u32,
    new_lines: u32,
}

/// Parse a hunk header, checking that the numbers make sense. The error is a sentence.
fn parse_hunk_header(line: &[u8]) -> Result<HunkHeader, String> {
    let shown = snippet(line);
    let malformed = |what: &str| format!("malformed hunk header '{shown}': {what}");
    let rest = line
        .strip_prefix(b"@@ -")
        .ok_or_else(|| malformed("expected it to start with '@@ -'"))?;
    let (old_start, old_lines, rest) =
        range(rest).map_err(|e| malformed(&format!("{e} after '-'")))?;
    let rest = rest
        .strip_prefix(b" +")
        .ok_or_else(|| malformed("expected ' +' after the old range"))?;
    let (new_start, new_lines, rest) =
        range(rest).map_err(|e| malformed(&format!("{e} after '+'")))?;
    if !rest.starts_with(b" @@") {
        return Err(malformed("expected ' @@' after the new range"));
    }
    for (side, start, count) in [("old", old_start, old_lines), ("new", new_start, new_lines)] {
        if start == 0 && count > 0 {
            return Err(format!(
                "hunk header '{shown}' starts the {side} side at line 0 but gives it {count} \
                 line(s)"
            ));
        }
        if start.checked_add(count.max(1)).is_none() {
            return Err(format!(
                "hunk header '{shown}': the {side} range {start},{count} goes past line {}",
                u32::MAX
            ));
        }
    }
    if old_lines == 0 && new_lines == 0 {
        return Err(format!("hunk header '{shown}' has no lines on either side"));
    }
    Ok(HunkHeader {
        old_start,
        old_lines,
        new_start,
        new_lines,
    })
}

/// `start[,count]`; the count defaults to 1.
fn range(s: &[u8]) -> Result<(u32, u32, &[u8]), String> {
    let (start, rest) = number(s)?;
    match rest.strip_prefix(b",") {
        Some(rest) => {
            let (count, rest) = number(rest)?;
            Ok((start, count, rest))
        }
        None => Ok((start, 1, rest)),
    }
}

fn number(s: &[u8]) -> Result<(u32, &[u8]), String> {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (num, rest) = s.split_at(digits.min(s.len()));
    if num.is_empty() {
        return Err("expected a line number".to_string());
    }
    let value = num.iter().fold(0u64, |v, d| {
        v.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    match u32::try_from(value) {
        Ok(v) => Ok((v, rest)),
        Err(_) => Err(format!(
            "the number {} is too large",
            String::from_utf8_lossy(num.get(..24).unwrap_or(num))
        )),
    }
}

/// A line for an error message: lossy, at most 80 characters.
fn snippet(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let mut out: String = text.chars().take(80).collect();
    if text.chars().nth(80).is_some() {
        out.push('…');
    }
    out
}

/// `From <40 or 64 hex> ...`: the first line of a `git format-patch` message. Returns the id.
fn mbox_from(line: &[u8]) -> Option<String> {
    let rest = line.strip_prefix(b"From ")?;
    let hex = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if hex != 40 && hex != 64 {
        return None;
    }
    if rest.get(hex).is_some_and(|&b| b != b' ') {
        return None;
    }
    Some(String::from_utf8_lossy(rest.get(..hex)?).to_ascii_lowercase())
}

/// `commit <hex>` as `git log`/`git show` print it.
fn is_log_commit(line: &[u8]) -> bool {
    line.strip_prefix(b"commit ")
        .is_some_and(|rest| rest.len() >= 7 && rest.iter().take(7).all(u8::is_ascii_hexdigit))
}

/// Mailinfo's patch break: `---` then whitespace or the end of the line.
fn is_divider(line: &[u8]) -> bool {
    line.strip_prefix(b"---")
        .is_some_and(|rest| rest.first().is_none_or(u8::is_ascii_whitespace))
}

/// The e-mail signature line `git format-patch` ends a message with.
fn is_signature(line: &[u8]) -> bool {
    line == b"-- "
}

/// Lines that end a header-only file section (a mode change, a pure rename, an empty file).
fn ends_header(line: &[u8]) -> bool {
    line.is_empty()
        || line.starts_with(b"diff ")
        || mbox_from(line).is_some()
        || is_signature(line)
        || is_log_commit(line)
}

/// Undo git's C-style quoting of `"..."`. Returns the bytes and how many input bytes the quoted
/// string took. `None` when `s` does not start with a well-formed quoted string.
fn unquote(s: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut i = 1;
    if s.first() != Some(&b'"') {
        return None;
    }
    loop {
        let c = *s.get(i)?;
        i += 1;
        match c {
            b'"' => return Some((out, i)),
            b'\\' => {
                let e = *s.get(i)?;
                i += 1;
                let byte = match e {
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'v' => 0x0b,
                    b'"' | b'\\' => e,
                    b'0'..=b'3' => {
                        let d1 = *s.get(i)?;
                        let d2 = *s.get(i + 1)?;
                        if !(b'0'..=b'7').contains(&d1) || !(b'0'..=b'7').contains(&d2) {
                            return None;
                        }
                        i += 2;
                        ((e - b'0') << 6) | ((d1 - b'0') << 3) | (d2 - b'0')
                    }
                    _ => return None,
                };
                out.push(byte);
            }
            _ => out.push(c),
        }
    }
}

/// A path as written after `rename from ` and the like: quoted or verbatim.
fn header_path(s: &[u8]) -> Vec<u8> {
    match unquote(s) {
        Some((bytes, _)) => bytes,
        None => s.to_vec(),
    }
}

/// The name on a `---`/`+++` line: quoted or up to a tab (GNU diff puts a timestamp after one).
/// `None` for `/dev/null` (or GNU diff's epoch time stamp for a missing file).
fn patch_name(s: &[u8]) -> Option<Vec<u8>> {
    let (name, rest) = match unquote(s) {
        Some((bytes, used)) => (bytes, s.get(used..).unwrap_or_default()),
        None => {
            let end = s.iter().position(|&b| b == b'\t').unwrap_or(s.len());
            let (name, rest) = s.split_at(end);
            (name.to_vec(), rest)
        }
    };
    // GNU diff -N writes the missing side with the epoch as its time.
    let stamp = rest.strip_prefix(b"\t").unwrap_or(rest);
    let epoch =
        stamp.starts_with(b"1970-01-01 00:00:00") || stamp.starts_with(b"Thu Jan  1 00:00:00 1970");
    (name != b"/dev/null" && !epoch).then_some(name)
}

/// The two names of a `diff --git` line (after `diff --git `), prefixes kept.
fn git_header_names(rest: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    if rest.first() == Some(&b'"') {
        let (first, used) = unquote(rest)?;
        let after = rest.get(used..)?.strip_prefix(b" ")?;
        let second = match unquote(after) {
            Some((bytes, _)) => bytes,
            None => after.to_vec(),
        };
        return Some((first, second));
    }
    // An unquoted first name with a quoted second one (only one of them needed quoting).
    if rest.last() == Some(&b'"') {
        let mut from = 0;
        for _ in 0..16 {
            let Some(at) = rest
                .get(from..)
                .and_then(|r| r.windows(2).position(|w| w == b" \""))
            else {
                break;
            };
            let at = from + at;
            if let Some((second, used)) = rest.get(at + 1..).and_then(unquote)
                && at + 1 + used == rest.len()
            {
                return Some((rest.get(..at)?.to_vec(), second));
            }
            from = at + 1;
        }
    }
    // Git's own rule: both names are the same after their prefixes, so the split is in the middle.
    if rest.len() % 2 == 1 {
        let mid = rest.len() / 2;
        if rest.get(mid) == Some(&b' ') {
            let (left, right) = (rest.get(..mid)?, rest.get(mid + 1..)?);
            let tail = after_first_slash(left);
            if left == right || (tail.is_some() && tail == after_first_slash(right)) {
                return Some((left.to_vec(), right.to_vec()));
            }
        }
    }
    // A rename without quoting: the names come from `rename from/to` anyway.
    let at = rest
        .windows(3)
        .position(|w| w == b" b/")
        .or_else(|| rest.iter().position(|&b| b == b' '))?;
    Some((rest.get(..at)?.to_vec(), rest.get(at + 1..)?.to_vec()))
}

/// What follows the first `/` of a name (the name without its prefix directory).
fn after_first_slash(s: &[u8]) -> Option<&[u8]> {
    s.iter()
        .position(|&b| b == b'/')
        .and_then(|i| s.get(i + 1..))
}

/// A file mode as written: 1 to 7 octal digits.
fn mode(s: &[u8]) -> Option<String> {
    let s = s.strip_suffix(b" ").unwrap_or(s);
    (!s.is_empty() && s.len() <= 7 && s.iter().all(|b| (b'0'..=b'7').contains(b)))
        .then(|| String::from_utf8_lossy(s).into_owned())
}

/// A line of base85 data in a `GIT binary patch`: a length character, then 5 characters per 4
/// bytes.
fn is_base85_line(line: &[u8]) -> bool {
    let Some((&len_char, data)) = line.split_first() else {
        return false;
    };
    let len = match len_char {
        b'A'..=b'Z' => usize::from(len_char - b'A') + 1,
        b'a'..=b'z' => usize::from(len_char - b'a') + 27,
        _ => return false,
    };
    data.len() == len.div_ceil(4) * 5
        && data
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&()*+-;<=>?@^_`{|}~".contains(b))
}

struct Parser<'a> {
    lines: Vec<&'a [u8]>,
    /// Index of the current line (its number is `pos + 1`).
    pos: usize,
    mode: Mode,
    files: Vec<FileChange>,
    commits: Vec<Commit>,
    message: Option<Message>,
    /// The open file section; set exactly in [`Mode::AfterFile`].
    file: Option<FileBuilder>,
    /// Whether the previous line was a hunk body line, and of which side(s).
    last_body: Option<LastBody>,
    padding_left: u64,
}

impl<'a> Parser<'a> {
    fn new(input: &'a [u8]) -> Self {
        Parser {
            lines: split_lines(input),
            pos: 0,
            mode: Mode::Lenient,
            files: Vec::new(),
            commits: Vec::new(),
            message: None,
            file: None,
            last_body: None,
            padding_left: MAX_TOTAL_PADDING,
        }
    }

    fn line(&self, index: usize) -> Option<&'a [u8]> {
        self.lines.get(index).copied()
    }

    fn run(&mut self) -> Result<(), PatchError> {
        while let Some(line) = self.line(self.pos) {
            match self.mode {
                Mode::Lenient => self.lenient(line)?,
                Mode::MailHeaders => self.mail_header(line),
                Mode::MailBody => self.mail_body(line),
                Mode::AfterFile => self.after_file(line)?,
            }
        }
        self.finish_file()?;
        self.finish_message();
        Ok(())
    }

    /// Whether a plain diff (`---`, `+++`, `@@`) starts at `index`.
    fn plain_start(&self, index: usize, need_hunk: bool) -> bool {
        self.line(index).is_some_and(|l| l.starts_with(b"--- "))
            && self.line(index + 1).is_some_and(|l| l.starts_with(b"+++ "))
            && (!need_hunk || self.line(index + 2).is_some_and(|l| l.starts_with(b"@@ ")))
    }

    fn lenient(&mut self, line: &'a [u8]) -> Result<(), PatchError> {
        let number = self.pos + 1;
        if line.starts_with(b"diff --git ") {
            self.git_section()
        } else if line.starts_with(b"diff --cc ") || line.starts_with(b"diff --combined ") {
            err(
                number,
                "combined diffs of merge commits ('diff --cc') are not supported; diff against \
                 one parent instead",
            )
        } else if self.plain_start(self.pos, true) {
            self.plain_section()
        } else if let Some(id) = mbox_from(line) {
            self.start_message(id);
            self.pos += 1;
            Ok(())
        } else if self.pos == 0 && line.starts_with(b"From: ") {
            // A single mail without its mbox `From ` line.
            self.start_message(String::new());
            Ok(())
        } else if let Some(rest) = line.strip_prefix(b"Binary files ") {
            self.gnu_binary(rest);
            self.pos += 1;
            Ok(())
        } else if let Some(rest) = line.strip_prefix(b"Submodule ") {
            self.submodule_summary(rest);
            self.pos += 1;
            Ok(())
        } else {
            self.pos += 1;
            Ok(())
        }
    }

    fn after_file(&mut self, line: &'a [u8]) -> Result<(), PatchError> {
        let number = self.pos + 1;
        let last_body = self.last_body.take();
        if line.starts_with(b"@@") {
            return self.hunk();
        }
        if line.first() == Some(&b'\\') {
            let Some(file) = self.file.as_mut() else {
                return err(number, "'\\' line outside a file section");
            };
            match last_body {
                Some(side) => mark_no_eol(file, side),
                None => {
                    return err(
                        number,
                        "'\\ No newline at end of file' line not after a hunk line",
                    );
                }
            }
            file.check_utf8(line);
            self.pos += 1;
            return Ok(());
        }
        if line.is_empty() {
            self.pos += 1;
            return Ok(());
        }
        if is_signature(line) {
            self.finish_file()?;
            self.mode = Mode::Lenient;
            self.pos += 1;
            return Ok(());
        }
        if line.starts_with(b"diff ")
            || mbox_from(line).is_some()
            || self.plain_start(self.pos, false)
        {
            self.finish_file()?;
            self.mode = Mode::Lenient;
            if self.plain_start(self.pos, false) {
                // Inside a patch, `---`/`+++` must be followed by a hunk.
                return self.plain_section();
            }
            return Ok(());
        }
        if let Some(&c) = line.first()
            && matches!(c, b'+' | b'-' | b' ')
        {
            let file = self.file.as_ref();
            let name = file.map(FileBuilder::display_name).unwrap_or_default();
            let what = match c {
                b'+' => "'+' line",
                b'-' => "'-' line",
                _ => "context line",
            };
            return match file.and_then(|f| f.last_hunk) {
                Some((at, old, new)) => err(
                    number,
                    format!(
                        "{what} after the end of the hunk at line {at} of '{name}', whose header \
                         says {old} old and {new} new line(s): the line counts do not match"
                    ),
                ),
                None => err(
                    number,
                    format!("{what} in file section '{name}' without a hunk header"),
                ),
            };
        }
        // Other text (a `git log` commit header, `Only in …`): back to skipping.
        self.finish_file()?;
        self.mode = Mode::Lenient;
        Ok(())
    }

    fn start_message(&mut self, id: String) {
        self.finish_message();
        self.message = Some(Message {
            id,
            ..Message::default()
        });
        self.mode = Mode::MailHeaders;
    }

    fn finish_message(&mut self) {
        if let Some(message) = self.message.take()
            && !message.paths.is_empty()
        {
            // Messages without files (cover letters) are not commits of the change.
            self.commits.push(message.into_commit());
        }
    }

    fn mail_header(&mut self, line: &'a [u8]) {
        if let Some(id) = mbox_from(line) {
            self.start_message(id);
            self.pos += 1;
            return;
        }
        if line.is_empty() {
            self.mode = Mode::MailBody;
            if let Some(m) = self.message.as_mut() {
                m.in_body_headers = true;
            }
            self.pos += 1;
            return;
        }
        let Some(message) = self.message.as_mut() else {
            self.mode = Mode::Lenient;
            return;
        };
        let text = String::from_utf8_lossy(line);
        if line.first().is_some_and(|&b| b == b' ' || b == b'\t') {
            message.extend(&text);
        } else if let Some((name, value)) = text.split_once(':') {
            message.set(mail_header_kind(name), value.trim().to_string());
        } else {
            // Not a header: the body starts here.
            self.mode = Mode::MailBody;
            return;
        }
        self.pos += 1;
    }

    fn mail_body(&mut self, line: &'a [u8]) {
        if is_divider(line)
            || line.starts_with(b"diff -")
            || mbox_from(line).is_some()
            || is_signature(line)
        {
            // The commit message ends; what follows is the diffstat and the diff.
            self.mode = Mode::Lenient;
            return;
        }
        self.pos += 1;
        let Some(message) = self.message.as_mut() else {
            return;
        };
        let text = String::from_utf8_lossy(line).into_owned();
        if message.in_body_headers {
            // In-body `From:`/`Date:`/`Subject:` lines at the top override the mail's headers,
            // and a blank line ends them.
            if let Some((name, value)) = text.split_once(':') {
                let kind = mail_header_kind(name);
                if kind != MailHeader::Other {
                    message.set(kind, value.trim().to_string());
                    message.saw_in_body_header = true;
                    return;
                }
            }
            message.in_body_headers = false;
            if text.trim().is_empty() && message.saw_in_body_header {
                return;
            }
        }
        message.body.push(text);
    }

    fn finish_file(&mut self) -> Result<(), PatchError> {
        self.last_body = None;
        if let Some(file) = self.file.take() {
            let change = file.finish()?;
            self.push_file(change);
        }
        Ok(())
    }

    /// Open a file section and switch to [`Mode::AfterFile`].
    fn open(&mut self, file: FileBuilder) {
        self.file = Some(file);
        self.mode = Mode::AfterFile;
        self.last_body = None;
    }

    /// A section starting with `diff --git`: its extended header, up to the first hunk.
    fn git_section(&mut self) -> Result<(), PatchError> {
        let number = self.pos + 1;
        let line = self.line(self.pos).unwrap_or_default();
        let mut file = FileBuilder::new(number);
        file.check_utf8(line);
        let rest = line.strip_prefix(b"diff --git ").unwrap_or_default();
        let Some((old, new)) = git_header_names(rest) else {
            return err(
                number,
                "cannot read the two file names of the 'diff --git' line",
            );
        };
        let (old, new) = (file.path(old), file.path(new));
        if old.is_empty() || new.is_empty() {
            return err(
                number,
                "cannot read the two file names of the 'diff --git' line",
            );
        }
        file.header = Some((old, new));
        self.pos += 1;
        while let Some(line) = self.line(self.pos) {
            let number = self.pos + 1;
            let bad_mode = || {
                err(
                    number,
                    format!(
                        "bad file mode in '{}': expected octal digits",
                        snippet(line)
                    ),
                )
            };
            if let Some(v) = line.strip_prefix(b"old mode ") {
                file.old_mode = Some(mode(v).map_or_else(bad_mode, Ok)?);
            } else if let Some(v) = line.strip_prefix(b"new mode ") {
                file.new_mode = Some(mode(v).map_or_else(bad_mode, Ok)?);
            } else if let Some(v) = line.strip_prefix(b"new file mode ") {
                file.new_file = true;
                file.other_modes.push(mode(v).map_or_else(bad_mode, Ok)?);
            } else if let Some(v) = line.strip_prefix(b"deleted file mode ") {
                file.deleted_file = true;
                file.other_modes.push(mode(v).map_or_else(bad_mode, Ok)?);
            } else if line.starts_with(b"similarity index ")
                || line.starts_with(b"dissimilarity index ")
            {
                // Informational only.
            } else if let Some(v) = line
                .strip_prefix(b"rename from ")
                .or_else(|| line.strip_prefix(b"rename old "))
            {
                file.rename_from = Some(file.path(header_path(v)));
            } else if let Some(v) = line
                .strip_prefix(b"rename to ")
                .or_else(|| line.strip_prefix(b"rename new "))
            {
                file.rename_to = Some(file.path(header_path(v)));
            } else if let Some(v) = line.strip_prefix(b"copy from ") {
                file.copy_from = Some(file.path(header_path(v)));
            } else if let Some(v) = line.strip_prefix(b"copy to ") {
                file.copy_to = Some(file.path(header_path(v)));
            } else if let Some(v) = line.strip_prefix(b"index ") {
                // `index <old>..<new>[ <mode>]`: the mode, when both sides have the same one.
                if let Some(m) = v
                    .iter()
                    .position(|&b| b == b' ')
                    .and_then(|i| v.get(i + 1..))
                {
                    file.other_modes.push(mode(m).map_or_else(bad_mode, Ok)?);
                }
            } else if line.starts_with(b"Binary files ") && line.ends_with(b" differ") {
                file.binary = true;
                file.check_utf8(line);
                self.pos += 1;
                break;
            } else if line == b"GIT binary patch" {
                file.binary = true;
                self.pos += 1;
                while let Some(l) = self.line(self.pos) {
                    if l.is_empty()
                        || l.starts_with(b"literal ")
                        || l.starts_with(b"delta ")
                        || is_base85_line(l)
                    {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                break;
            } else if line.starts_with(b"--- ") {
                self.minus_plus(&mut file)?;
                break;
            } else if line.starts_with(b"@@") || ends_header(line) {
                break;
            } else {
                return err(
                    number,
                    format!(
                        "unexpected line in the header of file section '{}' (line {}): '{}'",
                        file.display_name(),
                        file.line,
                        snippet(line)
                    ),
                );
            }
            file.check_utf8(line);
            self.pos += 1;
        }
        self.open(file);
        Ok(())
    }

    /// The `---` and `+++` lines at `pos`; a hunk header must follow.
    fn minus_plus(&mut self, file: &mut FileBuilder) -> Result<(), PatchError> {
        let number = self.pos + 1;
        let minus = self.line(self.pos).unwrap_or_default();
        let Some(plus) = self.line(self.pos + 1).filter(|l| l.starts_with(b"+++ ")) else {
            return err(number, "'---' line without a '+++' line after it");
        };
        file.check_utf8(minus);
        file.check_utf8(plus);
        let name = |file: &mut FileBuilder, rest: &[u8]| match patch_name(rest) {
            Some(bytes) => PatchName::Path(file.path(bytes)),
            None => PatchName::DevNull,
        };
        let old = name(file, minus.get(4..).unwrap_or_default());
        let new = name(file, plus.get(4..).unwrap_or_default());
        if old == PatchName::DevNull && new == PatchName::DevNull {
            return err(number, "both the '---' and the '+++' name are /dev/null");
        }
        for n in [&old, &new] {
            if *n == PatchName::Path(String::new()) {
                return err(number, "empty file name on a '---' or '+++' line");
            }
        }
        file.minus = Some(old);
        file.plus = Some(new);
        self.pos += 2;
        if !self.line(self.pos).is_some_and(|l| l.starts_with(b"@@")) {
            return err(
                self.pos + 1,
                format!(
                    "expected a hunk header '@@ -a,b +c,d @@' after the '+++' line of '{}'",
                    file.display_name()
                ),
            );
        }
        Ok(())
    }

    /// A section without `diff --git`: `---`, `+++` and hunks.
    fn plain_section(&mut self) -> Result<(), PatchError> {
        let mut file = FileBuilder::new(self.pos + 1);
        self.minus_plus(&mut file)?;
        self.open(file);
        Ok(())
    }

    /// `Binary files A and B differ` outside a `diff --git` section (GNU diff).
    fn gnu_binary(&mut self, rest: &[u8]) {
        let Some(names) = rest.strip_suffix(b" differ") else {
            return;
        };
        // Prefer the split where both names agree after their prefix.
        let splits: Vec<usize> = names
            .windows(5)
            .enumerate()
            .filter(|(_, w)| *w == b" and ")
            .map(|(i, _)| i)
            .take(64)
            .collect();
        let pick = splits
            .iter()
            .copied()
            .find(|&i| {
                let left = names.get(..i).and_then(after_first_slash);
                left.is_some() && left == names.get(i + 5..).and_then(after_first_slash)
            })
            .or_else(|| splits.first().copied());
        let Some(at) = pick else { return };
        let mut file = FileBuilder::new(self.pos + 1);
        let old = names.get(..at).unwrap_or_default().to_vec();
        let new = names.get(at + 5..).unwrap_or_default().to_vec();
        let side = |file: &mut FileBuilder, bytes: Vec<u8>| {
            if bytes == b"/dev/null" {
                PatchName::DevNull
            } else {
                PatchName::Path(file.path(bytes))
            }
        };
        file.minus = Some(side(&mut file, old));
        file.plus = Some(side(&mut file, new));
        file.binary = true;
        if let Ok(change) = file.finish() {
            self.push_file(change);
        }
    }

    /// `Submodule <path> <old>..<new>:` as `git diff --submodule=log` prints it.
    fn submodule_summary(&mut self, rest: &[u8]) {
        let text = String::from_utf8_lossy(rest);
        let is_range = |t: &str| {
            let t = t.trim_end_matches(':');
            let Some((a, b)) = t.split_once("..") else {
                return false;
            };
            let b = b.strip_prefix('.').unwrap_or(b);
            a.len() >= 7
                && b.len() >= 7
                && a.bytes().all(|c| c.is_ascii_hexdigit())
                && b.bytes().all(|c| c.is_ascii_hexdigit())
        };
        let Some(at) = text.match_indices(' ').map(|(i, _)| i).find(|&i| {
            text.get(i + 1..)
                .and_then(|t| t.split(' ').next())
                .is_some_and(is_range)
        }) else {
            return;
        };
        let path = text.get(..at).unwrap_or_default().to_string();
        if path.is_empty() {
            return;
        }
        let tail = text.get(at..).unwrap_or_default();
        let status = if tail.contains("(new submodule)") {
            FileStatus::Added
        } else if tail.contains("(submodule deleted)") {
            FileStatus::Deleted
        } else {
            FileStatus::Modified
        };
        let change = FileChange {
            path,
            old_path: None,
            status,
            old_text: None,
            new_text: None,
            hunks: Vec::new(),
            skipped: Some(SkipReason::Submodule),
            notes: if matches!(text, Cow::Owned(_)) {
                vec![FileNote::InvalidUtf8]
            } else {
                Vec::new()
            },
            partial: true,
        };
        self.push_file(change);
    }

    fn push_file(&mut self, change: FileChange) {
        if let Some(message) = self.message.as_mut()
            && message.seen.insert(change.path.clone())
        {
            message.paths.push(change.path.clone());
        }
        self.files.push(change);
    }

    /// A hunk at `pos`: header and body.
    fn hunk(&mut self) -> Result<(), PatchError> {
        let number = self.pos + 1;
        let header_line = self.line(self.pos).unwrap_or_default();
        let Some(file) = self.file.as_mut() else {
            return err(number, "hunk header outside a file section");
        };
        if file.binary {
            let name = file.display_name();
            return err(
                number,
                format!("hunk header after the binary patch of '{name}'"),
            );
        }
        let header = parse_hunk_header(header_line).map_err(|message| PatchError {
            line: number,
            message,
        })?;
        file.check_utf8(header_line);
        if file.is_added() && header.old_lines > 0 {
            let name = file.display_name();
            return err(
                number,
                format!(
                    "hunk of new file '{name}' has {} old line(s)",
                    header.old_lines
                ),
            );
        }
        if file.is_deleted() && header.new_lines > 0 {
            let name = file.display_name();
            return err(
                number,
                format!(
                    "hunk of deleted file '{name}' has {} new line(s)",
                    header.new_lines
                ),
            );
        }
        // The first line numbers of each side; with no lines, the start names the line before.
        let mut old_next = header.old_start + u32::from(header.old_lines == 0);
        let mut new_next = header.new_start + u32::from(header.new_lines == 0);
        if old_next < file.old_min || new_next < file.new_min {
            let previous = file.last_hunk.map_or(0, |(l, _, _)| l);
            let name = file.display_name();
            return err(
                number,
                format!(
                    "hunk overlaps or comes before the previous hunk of '{name}' (line {previous})"
                ),
            );
        }
        file.last_hunk = Some((number, header.old_lines, header.new_lines));
        let (mut old_left, mut new_left) = (header.old_lines, header.new_lines);
        // The open run of changed lines: old start, new start, old count, new count.
        let mut run: Option<(u32, u32, u32, u32)> = None;
        let mut last_body: Option<LastBody> = None;
        self.pos += 1;
        while old_left > 0 || new_left > 0 {
            let Some(line) = self.lines.get(self.pos).copied() else {
                return err(number, short_hunk(&header, old_left, new_left, None));
            };
            let here = self.pos + 1;
            let first = line.first().copied();
            match first {
                Some(b'\\') => {
                    let Some(side) = last_body else {
                        return err(
                            here,
                            "'\\ No newline at end of file' line not after a hunk line",
                        );
                    };
                    mark_no_eol(file, side);
                    file.check_utf8(line);
                    last_body = None;
                    self.pos += 1;
                    continue;
                }
                Some(b' ') | None if old_left > 0 && new_left > 0 => {
                    close_run(&mut file.hunks, &mut run);
                    let content = decode(line.get(1..).unwrap_or_default(), &mut file.invalid_utf8);
                    count_content(file, &content);
                    file.place(false, old_next, &content, &mut self.padding_left);
                    file.place(true, new_next, &content, &mut self.padding_left);
                    old_next = old_next.saturating_add(1);
                    new_next = new_next.saturating_add(1);
                    old_left -= 1;
                    new_left -= 1;
                    last_body = Some(LastBody::Both);
                }
                Some(b'-') if old_left > 0 => {
                    let r = run.get_or_insert((old_next, new_next, 0, 0));
                    r.2 += 1;
                    let content = decode(line.get(1..).unwrap_or_default(), &mut file.invalid_utf8);
                    count_content(file, &content);
                    file.place(false, old_next, &content, &mut self.padding_left);
                    old_next = old_next.saturating_add(1);
                    old_left -= 1;
                    last_body = Some(LastBody::Old);
                }
                Some(b'+') if new_left > 0 => {
                    let r = run.get_or_insert((old_next, new_next, 0, 0));
                    r.3 += 1;
                    let content = decode(line.get(1..).unwrap_or_default(), &mut file.invalid_utf8);
                    count_content(file, &content);
                    file.place(true, new_next, &content, &mut self.padding_left);
                    new_next = new_next.saturating_add(1);
                    new_left -= 1;
                    last_body = Some(LastBody::New);
                }
                Some(c @ (b' ' | b'-' | b'+')) => {
                    let (what, side, count) = match c {
                        b'-' => ("'-' line", "old", header.old_lines),
                        b'+' => ("'+' line", "new", header.new_lines),
                        _ if old_left == 0 => ("context line", "old", header.old_lines),
                        _ => ("context line", "new", header.new_lines),
                    };
                    return err(
                        here,
                        format!(
                            "{what} does not fit the hunk at line {number}: its header says \
                             {count} {side} line(s) and they are all there (the line counts do \
                             not match)"
                        ),
                    );
                }
                _ => {
                    return err(
                        number,
                        short_hunk(&header, old_left, new_left, Some((here, line))),
                    );
                }
            }
            self.pos += 1;
        }
        close_run(&mut file.hunks, &mut run);
        file.old_min = old_next;
        file.new_min = new_next;
        self.last_body = last_body;
        Ok(())
    }
}

/// Record a `\ No newline at end of file` marker for the side(s) of the previous line.
fn mark_no_eol(file: &mut FileBuilder, side: LastBody) {
    if matches!(side, LastBody::Both | LastBody::Old) {
        file.old.no_eol = true;
    }
    if matches!(side, LastBody::Both | LastBody::New) {
        file.new.no_eol = true;
    }
}

/// Decode a content line lossily, flagging invalid UTF-8.
fn decode<'l>(bytes: &'l [u8], invalid: &mut bool) -> Cow<'l, str> {
    let text = String::from_utf8_lossy(bytes);
    if matches!(text, Cow::Owned(_)) {
        *invalid = true;
    }
    text
}

/// Count content lines, and those that are a gitlink's `Subproject commit <id>`.
fn count_content(file: &mut FileBuilder, content: &str) {
    file.content_lines += 1;
    if content.starts_with("Subproject commit ") {
        file.subproject_lines += 1;
    }
}

/// Close the open run of changed lines into a hunk, in [`Hunk`]'s conventions.
fn close_run(hunks: &mut Vec<Hunk>, run: &mut Option<(u32, u32, u32, u32)>) {
    if let Some((old_start, new_start, old_lines, new_lines)) = run.take() {
        hunks.push(Hunk {
            old_start: if old_lines == 0 {
                old_start.saturating_sub(1)
            } else {
                old_start
            },
            old_lines,
            new_start: if new_lines == 0 {
                new_start.saturating_sub(1)
            } else {
                new_start
            },
            new_lines,
        });
    }
}

/// The message for a hunk that ends before its header's counts are met.
fn short_hunk(
    header: &HunkHeader,
    old_left: u32,
    new_left: u32,
    at: Option<(usize, &[u8])>,
) -> String {
    let old_seen = header.old_lines - old_left;
    let new_seen = header.new_lines - new_left;
    let (says, seen) = match (old_left > 0, new_left > 0) {
        (true, true) => (
            format!(
                "{} old and {} new lines",
                header.old_lines, header.new_lines
            ),
            format!("{old_seen} and {new_seen}"),
        ),
        (true, false) => (
            format!("{} old lines", header.old_lines),
            old_seen.to_string(),
        ),
        _ => (
            format!("{} new lines", header.new_lines),
            new_seen.to_string(),
        ),
    };
    match at {
        None => format!("hunk header says {says} but the patch ends after {seen}"),
        Some((line, text)) => format!(
            "hunk header says {says} but the hunk ends after {seen}: line {line} is not a hunk \
             line ('{}')",
            snippet(text)
        ),
    }
}

fn mail_header_kind(name: &str) -> MailHeader {
    let name = name.trim();
    if name.eq_ignore_ascii_case("from") {
        MailHeader::From
    } else if name.eq_ignore_ascii_case("date") {
        MailHeader::Date
    } else if name.eq_ignore_ascii_case("subject") {
        MailHeader::Subject
    } else {
        MailHeader::Other
    }
}

/// `[PATCH v2 1/3] subject` → `subject`: drops a leading bracketed group mentioning PATCH, and
/// surrounding whitespace.
fn strip_patch_prefix(subject: &str) -> String {
    let s = subject.trim();
    if let Some(rest) = s.strip_prefix('[')
        && let Some(end) = rest.find(']')
        && rest
            .get(..end)
            .is_some_and(|tag| tag.to_ascii_uppercase().contains("PATCH"))
    {
        return rest.get(end + 1..).unwrap_or_default().trim().to_string();
    }
    s.to_string()
}

/// `Name <email>`, `"Last, First" <email>`, `email (Name)` or a bare address; RFC 2047 words in
/// the name are decoded.
fn parse_mailbox(value: &str) -> (String, String) {
    let value = value.trim();
    if let Some(lt) = value.rfind('<')
        && let Some(gt) = value.get(lt..).and_then(|r| r.find('>'))
    {
        let email = value.get(lt + 1..lt + gt).unwrap_or_default().trim();
        let name = decode_rfc2047(value.get(..lt).unwrap_or_default().trim());
        return (unquote_name(name.trim()), email.to_string());
    }
    if let Some(open) = value.find(" (")
        && value.ends_with(')')
    {
        let email = value.get(..open).unwrap_or_default().trim();
        let name = value.get(open + 2..value.len() - 1).unwrap_or_default();
        return (decode_rfc2047(name.trim()), email.to_string());
    }
    (String::new(), value.to_string())
}

/// `"Last, First"` → `Last, First`, undoing backslash escapes.
fn unquote_name(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_string();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decode RFC 2047 encoded words (`=?UTF-8?q?Fran=C3=A7ois?=`, `=?utf-8?b?...?=`). Whitespace
/// between two encoded words is dropped; anything not well formed is kept as is.
fn decode_rfc2047(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut after_word = false;
    while let Some(at) = rest.find("=?") {
        let before = rest.get(..at).unwrap_or_default();
        match rest.get(at..).and_then(encoded_word) {
            Some((text, used)) => {
                if !(after_word && before.trim().is_empty()) {
                    out.push_str(before);
                }
                out.push_str(&text);
                rest = rest.get(at + used..).unwrap_or_default();
                after_word = true;
            }
            None => {
                out.push_str(rest.get(..at + 2).unwrap_or(rest));
                rest = rest.get(at + 2..).unwrap_or_default();
                after_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One `=?charset?enc?text?=` word at the start of `s`: its decoded text and its length.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, inner) = inner.split_once('?')?;
    let (encoding, inner) = inner.split_once('?')?;
    let end = inner.find("?=")?;
    let text = inner.get(..end)?;
    if text.contains(char::is_whitespace) || charset.is_empty() {
        return None;
    }
    let bytes = match encoding {
        "q" | "Q" => {
            let mut out = Vec::with_capacity(text.len());
            let b = text.as_bytes();
            let mut i = 0;
            while let Some(&c) = b.get(i) {
                match c {
                    b'_' => out.push(b' '),
                    b'=' => {
                        let hex = b.get(i + 1..i + 3)?;
                        let hex = std::str::from_utf8(hex).ok()?;
                        out.push(u8::from_str_radix(hex, 16).ok()?);
                        i += 2;
                    }
                    _ => out.push(c),
                }
                i += 1;
            }
            out
        }
        "b" | "B" => base64(text)?,
        _ => return None,
    };
    // "=?" + charset + "?" + encoding + "?" + text + "?="
    let used = 2 + charset.len() + 1 + encoding.len() + 1 + text.len() + 2;
    let charset = charset
        .split('*')
        .next()
        .unwrap_or(charset)
        .to_ascii_lowercase();
    let decoded = match charset.as_str() {
        "iso-8859-1" | "latin1" | "us-ascii" => bytes.iter().map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(&bytes).into_owned(),
    };
    Some((decoded, used))
}

/// Standard base64 with optional padding.
fn base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// An RFC 2822 date (`Mon, 1 Jan 2024 12:34:56 +0100`) as Unix seconds and offset seconds.
fn parse_rfc2822_date(s: &str) -> Option<(i64, i32)> {
    let mut tokens = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .peekable();
    if tokens.peek()?.chars().all(|c| c.is_ascii_alphabetic()) {
        tokens.next(); // day of the week
    }
    // Unsigned parses: a negative hour must not slip past the range checks below.
    let day: u8 = tokens.next()?.parse().ok()?;
    let month = tokens.next()?.get(..3)?.to_ascii_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == month)? as i64
        + 1;
    let year: i64 = tokens.next()?.parse().ok()?;
    let year = match year {
        0..=49 => year + 2000,
        50..=999 => year + 1900,
        _ => year,
    };
    let mut hms = tokens.next()?.split(':');
    let hour: u8 = hms.next()?.parse().ok()?;
    let minute: u8 = hms.next()?.parse().ok()?;
    let second: u8 = hms.next().map_or(Some(0), |s| s.parse().ok())?;
    if !(1..=31).contains(&day)
        || !(0..=9999).contains(&year)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let offset = match tokens.next() {
        Some(zone) if zone.starts_with('+') || zone.starts_with('-') => {
            let digits = zone.get(1..)?;
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hh: i32 = digits.get(..2)?.parse().ok()?;
            let mm: i32 = digits.get(2..)?.parse().ok()?;
            if hh > 23 || mm > 59 {
                return None;
            }
            let secs = hh * 3600 + mm * 60;
            if zone.starts_with('-') { -secs } else { secs }
        }
        Some(zone) => match zone.to_ascii_uppercase().as_str() {
            "EST" => -5 * 3600,
            "EDT" => -4 * 3600,
            "CST" => -6 * 3600,
            "CDT" => -5 * 3600,
            "MST" => -7 * 3600,
            "MDT" => -6 * 3600,
            "PST" => -8 * 3600,
            "PDT" => -7 * 3600,
            _ => 0,
        },
        None => 0,
    };
    let local = days_from_civil(year, month, i64::from(day)) * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second);
    Some((local - i64::from(offset), offset))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_core::LineRange;
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::process::Command;

    /// A scratch repository driven by the `git` binary, isolated from user configuration.
    struct Repo {
        dir: tempfile::TempDir,
    }

    impl Repo {
        fn new() -> Repo {
            let repo = Repo {
                dir: tempfile::tempdir().expect("temp dir"),
            };
            repo.git(&["init", "-q", "-b", "main", "."]);
            repo
        }

        fn path(&self) -> &Path {
            self.dir.path()
        }

        fn git_with(&self, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
            use std::io::Write;
            let mut cmd = Command::new("git");
            cmd.current_dir(self.path())
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("HOME", self.path())
                .env("GIT_AUTHOR_NAME", "Ada Lovelace")
                .env("GIT_AUTHOR_EMAIL", "ada@example.com")
                .env("GIT_AUTHOR_DATE", "1700000000 +0100")
                .env("GIT_COMMITTER_NAME", "Ada Lovelace")
                .env("GIT_COMMITTER_EMAIL", "ada@example.com")
                .env("GIT_COMMITTER_DATE", "1700000000 +0100")
                .args([
                    "-c",
                    "core.autocrlf=false",
                    "-c",
                    "core.fileMode=true",
                    "-c",
                    "commit.gpgSign=false",
                    "-c",
                    "diff.renames=true",
                ])
                .args(args)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().expect("git runs");
            if let Some(mut input) = child.stdin.take() {
                input.write_all(stdin.unwrap_or_default()).expect("stdin");
            }
            let out = child.wait_with_output().expect("git runs");
            assert!(
                out.status.success(),
                "git {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        }

        fn git(&self, args: &[&str]) -> Vec<u8> {
            self.git_with(args, None)
        }

        fn text(&self, args: &[&str]) -> String {
            String::from_utf8(self.git(args))
                .expect("utf-8")
                .trim()
                .to_string()
        }

        fn write(&self, path: &str, bytes: &[u8]) {
            std::fs::write(self.path().join(path), bytes).expect("write");
        }

        /// Put a special entry (gitlink, symlink) into the index.
        fn index_entry(&self, mode: &str, object: &str, path: &str) {
            self.git(&[
                "update-index",
                "--add",
                "--cacheinfo",
                &format!("{mode},{object},{path}"),
            ]);
        }

        fn blob(&self, content: &[u8]) -> String {
            String::from_utf8(self.git_with(&["hash-object", "-w", "--stdin"], Some(content)))
                .expect("sha")
                .trim()
                .to_string()
        }

        fn commit(&self, message: &str) {
            self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        }

        /// The bytes of `path` at `rev`.
        fn show(&self, rev: &str, path: &str) -> Vec<u8> {
            self.git(&["show", &format!("{rev}:{path}")])
        }
    }

    fn h(old_start: u32, old_lines: u32, new_start: u32, new_lines: u32) -> Hunk {
        Hunk {
            old_start,
            old_lines,
            new_start,
            new_lines,
        }
    }

    fn by_path(files: &[FileChange]) -> BTreeMap<String, FileChange> {
        files.iter().map(|f| (f.path.clone(), f.clone())).collect()
    }

    fn parse(text: &str) -> ParsedPatch {
        match parse_patch(text.as_bytes()) {
            Ok(p) => p,
            Err(e) => panic!("parse failed: {e}\n{text}"),
        }
    }

    fn parse_err(text: &str) -> PatchError {
        match parse_patch(text.as_bytes()) {
            Ok(p) => panic!("expected an error, got {p:#?}"),
            Err(e) => e,
        }
    }

    /// The `@@` headers of a `-U0` diff per file (the new path, or the old one for deletions):
    /// git's own change runs, read without the parser under test.
    fn u0_hunks(diff: &[u8]) -> BTreeMap<String, Vec<Hunk>> {
        let mut out: BTreeMap<String, Vec<Hunk>> = BTreeMap::new();
        let mut current = String::new();
        let mut minus = String::new();
        let name_of = |name: &str| match unquote(name.as_bytes()) {
            Some((bytes, _)) => String::from_utf8_lossy(&bytes).into_owned(),
            None => name.split('\t').next().unwrap_or(name).to_string(),
        };
        for line in String::from_utf8_lossy(diff).lines() {
            if let Some(name) = line.strip_prefix("--- ") {
                let name = &name_of(name);
                minus = name.trim_start_matches("a/").to_string();
            } else if let Some(name) = line.strip_prefix("+++ ") {
                let name = &name_of(name);
                current = if name == "/dev/null" {
                    minus.clone()
                } else {
                    name.trim_start_matches("b/").to_string()
                };
            } else if let Some(rest) = line.strip_prefix("@@ -") {
                let ranges: Vec<&str> = rest.split(' ').take(2).collect();
                let range = |r: &str| -> (u32, u32) {
                    let r = r.trim_start_matches('+');
                    match r.split_once(',') {
                        Some((a, b)) => (a.parse().expect("num"), b.parse().expect("num")),
                        None => (r.parse().expect("num"), 1),
                    }
                };
                let (a, b) = range(ranges[0]);
                let (c, d) = range(ranges[1]);
                out.entry(current.clone()).or_default().push(h(a, b, c, d));
            }
        }
        out
    }

    /// Every non-empty line of a rebuilt text is the file's line at that number, and every line
    /// the hunks name is there.
    fn check_text(rebuilt: &str, actual: &[u8], ranges: &[LineRange], what: &str) {
        let actual = String::from_utf8_lossy(actual).replace("\r\n", "\n");
        let actual: Vec<&str> = actual.lines().collect();
        let rebuilt: Vec<&str> = rebuilt.lines().collect();
        assert!(
            rebuilt.len() <= actual.len(),
            "{what}: rebuilt text is too long"
        );
        for (i, line) in rebuilt.iter().enumerate() {
            if !line.is_empty() {
                assert_eq!(*line, actual[i], "{what}: line {}", i + 1);
            }
        }
        for r in ranges {
            for n in r.start..=r.end {
                let i = n as usize - 1;
                assert_eq!(rebuilt.get(i), actual.get(i), "{what}: changed line {n}");
            }
        }
    }

    /// A repository with one commit of every kind of change.
    fn kinds_repo() -> Repo {
        let repo = Repo::new();
        let numbered: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        repo.write("mod.py", numbered.as_bytes());
        repo.write("del.txt", b"gone 1\ngone 2\ngone 3\n");
        let ren: String = (1..=20)
            .map(|i| format!("def f{i}(): return {i}\n"))
            .collect();
        repo.write("ren_old.py", ren.as_bytes());
        repo.write("mode.sh", b"echo hi\n");
        repo.write("bin.dat", b"\x00\x01\x02binary\x00data");
        repo.write("crlf.txt", b"a\r\nb\r\nc\r\n");
        repo.write("noeol.txt", b"x\ny");
        repo.write("latin1.txt", b"caf\xe9\nold\n");
        repo.write("caf\u{e9}.py", b"x = 1\n");
        repo.write("with space.txt", b"one\n");
        repo.git(&["add", "."]);
        let sub_a = repo.blob(b"pretend commit a");
        repo.index_entry("160000", &sub_a, "sub");
        let target_a = repo.blob(b"target_a");
        repo.index_entry("120000", &target_a, "link");
        repo.commit("base");

        let mut lines: Vec<String> = (1..=30).map(|i| format!("line {i}")).collect();
        lines[27] = "changed 28".into();
        lines.remove(14);
        lines.insert(10, "ins b".into());
        lines.insert(10, "ins a".into());
        lines[4] = "changed 5".into();
        repo.write("mod.py", format!("{}\n", lines.join("\n")).as_bytes());
        repo.git(&["rm", "-q", "del.txt"]);
        repo.git(&["mv", "ren_old.py", "ren_new.py"]);
        repo.write(
            "ren_new.py",
            ren.replace("return 3\n", "return 33\n").as_bytes(),
        );
        repo.write("bin.dat", b"\x00\x01\x03binary\x00data!");
        repo.write("crlf.txt", b"a\r\nB\r\nc\r\n");
        repo.write("noeol.txt", b"x\nz");
        repo.write("latin1.txt", b"caf\xe9\nnew\xff\n");
        repo.write("caf\u{e9}.py", b"x = 2\n");
        repo.write("with space.txt", b"two\n");
        repo.write("new.py", b"print(1)\nprint(2)\n");
        repo.write("empty.txt", b"");
        repo.git(&["add", "."]);
        repo.git(&["update-index", "--chmod=+x", "mode.sh"]);
        let sub_b = repo.blob(b"pretend commit b");
        repo.index_entry("160000", &sub_b, "sub");
        let target_b = repo.blob(b"target_b");
        repo.index_entry("120000", &target_b, "link");
        repo.commit("change everything");
        repo
    }

    #[test]
    fn git_diff_of_every_kind_of_change() {
        let repo = kinds_repo();
        let diff = repo.git(&["diff", "-M", "HEAD~1", "HEAD"]);
        let u0 = u0_hunks(&repo.git(&["diff", "-M", "-U0", "HEAD~1", "HEAD"]));
        let parsed = parse_patch(&diff).expect("git diff parses");
        assert!(parsed.commits.is_empty());
        let files = by_path(&parsed.files);
        assert_eq!(
            files.keys().map(String::as_str).collect::<Vec<_>>(),
            vec![
                "bin.dat",
                "caf\u{e9}.py",
                "crlf.txt",
                "del.txt",
                "empty.txt",
                "latin1.txt",
                "link",
                "mod.py",
                "mode.sh",
                "new.py",
                "noeol.txt",
                "ren_new.py",
                "sub",
                "with space.txt",
            ]
        );

        // Hunks are git's own change runs (the -U0 headers), for every text file.
        for (path, f) in &files {
            if f.skipped.is_none() {
                let expected = u0.get(path).cloned().unwrap_or_default();
                assert_eq!(f.hunks, expected, "{path}");
                assert!(f.partial, "{path}");
            }
        }

        // The rebuilt texts agree with the files wherever they show a line.
        for (path, f) in &files {
            let added: Vec<LineRange> = f.added_ranges().collect();
            let removed: Vec<LineRange> = f.removed_ranges().collect();
            if let Some(new) = &f.new_text {
                check_text(new, &repo.show("HEAD", path), &added, path);
            }
            if let Some(old) = &f.old_text {
                let old_path = f.old_path.as_deref().unwrap_or(path);
                check_text(old, &repo.show("HEAD~1", old_path), &removed, path);
            }
        }

        let m = &files["mod.py"];
        assert_eq!(m.status, FileStatus::Modified);
        assert_eq!(
            m.hunks,
            vec![
                h(5, 1, 5, 1),
                h(10, 0, 11, 2),
                h(15, 1, 16, 0),
                h(28, 1, 29, 1)
            ]
        );
        assert_eq!(
            m.added_ranges().collect::<Vec<_>>(),
            vec![
                LineRange { start: 5, end: 5 },
                LineRange { start: 11, end: 12 },
                LineRange { start: 29, end: 29 },
            ]
        );
        let new = m.new_text.as_deref().expect("new text");
        assert_eq!(new.lines().nth(10), Some("ins a"));
        assert_eq!(new.lines().next(), Some(""), "line 1 is not in the patch");
        assert_eq!(new.lines().nth(1), Some("line 2"), "context is kept");

        let d = &files["del.txt"];
        assert_eq!(d.status, FileStatus::Deleted);
        assert_eq!(d.new_text, None);
        assert_eq!(d.old_text.as_deref(), Some("gone 1\ngone 2\ngone 3\n"));
        assert_eq!(d.hunks, vec![h(1, 3, 0, 0)]);

        let r = &files["ren_new.py"];
        assert_eq!(r.status, FileStatus::Renamed);
        assert_eq!(r.old_path.as_deref(), Some("ren_old.py"));
        assert_eq!(r.hunks, vec![h(3, 1, 3, 1)]);

        let mode = &files["mode.sh"];
        assert_eq!(mode.status, FileStatus::Modified);
        assert_eq!(
            mode.notes,
            vec![FileNote::ModeChanged {
                old: "100644".into(),
                new: "100755".into()
            }]
        );
        assert!(mode.hunks.is_empty());
        assert_eq!(mode.new_text.as_deref(), Some(""));

        let bin = &files["bin.dat"];
        assert_eq!(bin.skipped, Some(SkipReason::Binary));
        assert!(bin.hunks.is_empty());
        assert_eq!(
            (bin.old_text.as_deref(), bin.new_text.as_deref()),
            (None, None)
        );

        let crlf = &files["crlf.txt"];
        assert_eq!(crlf.hunks, vec![h(2, 1, 2, 1)]);
        assert_eq!(crlf.new_text.as_deref(), Some("a\nB\nc\n"));
        assert_eq!(crlf.old_text.as_deref(), Some("a\nb\nc\n"));

        let noeol = &files["noeol.txt"];
        assert_eq!(noeol.hunks, vec![h(2, 1, 2, 1)]);
        assert_eq!(noeol.old_text.as_deref(), Some("x\ny"));
        assert_eq!(noeol.new_text.as_deref(), Some("x\nz"));

        let latin = &files["latin1.txt"];
        assert_eq!(latin.notes, vec![FileNote::InvalidUtf8]);
        assert_eq!(
            latin.new_text.as_deref(),
            Some("caf\u{fffd}\nnew\u{fffd}\n")
        );
        assert_eq!(latin.hunks, vec![h(2, 1, 2, 1)]);

        assert_eq!(files["caf\u{e9}.py"].hunks, vec![h(1, 1, 1, 1)]);
        assert_eq!(files["with space.txt"].hunks, vec![h(1, 1, 1, 1)]);

        let new = &files["new.py"];
        assert_eq!(new.status, FileStatus::Added);
        assert_eq!(new.old_text, None);
        assert_eq!(new.new_text.as_deref(), Some("print(1)\nprint(2)\n"));
        assert_eq!(new.hunks, vec![h(0, 0, 1, 2)]);

        let empty = &files["empty.txt"];
        assert_eq!(empty.status, FileStatus::Added);
        assert!(empty.hunks.is_empty());
        assert_eq!(empty.new_text.as_deref(), Some(""));

        assert_eq!(files["sub"].skipped, Some(SkipReason::Submodule));
        assert!(files["sub"].hunks.is_empty());
        assert_eq!(files["link"].skipped, Some(SkipReason::Symlink));
        assert!(files["link"].hunks.is_empty());
    }

    #[test]
    fn binary_patches_and_crlf_patches_give_the_same_files() {
        let repo = kinds_repo();
        let plain = parse_patch(&repo.git(&["diff", "-M", "HEAD~1", "HEAD"])).expect("plain");
        let binary = repo.git(&["diff", "--binary", "-M", "HEAD~1", "HEAD"]);
        assert!(String::from_utf8_lossy(&binary).contains("GIT binary patch"));
        let binary = parse_patch(&binary).expect("--binary parses");
        assert_eq!(binary.files, plain.files);

        // The same patch saved with CRLF line ends: only the CRLF file's content differs.
        let diff = repo.git(&["diff", "-M", "HEAD~1", "HEAD"]);
        let mut crlf = Vec::new();
        for &b in &diff {
            if b == b'\n' {
                crlf.push(b'\r');
            }
            crlf.push(b);
        }
        let crlf = parse_patch(&crlf).expect("CRLF patch parses");
        assert_eq!(crlf.files.len(), plain.files.len());
        for (a, b) in crlf.files.iter().zip(&plain.files) {
            if a.path == "crlf.txt" {
                assert_eq!(a.hunks, b.hunks);
                assert_eq!(a.new_text.as_deref(), Some("a\r\nB\r\nc\r\n"));
            } else {
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn prefixes_no_prefix_and_mnemonic() {
        let repo = kinds_repo();
        let plain = parse_patch(&repo.git(&["diff", "-M", "HEAD~1", "HEAD"])).expect("plain");
        let no_prefix =
            parse_patch(&repo.git(&["diff", "--no-prefix", "-M", "HEAD~1", "HEAD"])).expect("ok");
        assert_eq!(no_prefix.files, plain.files);
        let custom = repo.git(&[
            "diff",
            "--src-prefix=old/",
            "--dst-prefix=new/",
            "-M",
            "HEAD~1",
            "HEAD",
        ]);
        assert!(String::from_utf8_lossy(&custom).contains("--- old/mod.py"));
        assert_eq!(
            parse_patch(&custom).expect("custom prefixes").files,
            plain.files
        );

        let repo = Repo::new();
        repo.write("mod.py", b"committed\n");
        repo.git(&["add", "."]);
        repo.commit("one");
        repo.write("mod.py", b"staged\n");
        repo.git(&["add", "mod.py"]);
        repo.write("mod.py", b"worktree\n");
        for args in [
            &["-c", "diff.mnemonicPrefix=true", "diff", "--cached"][..],
            &["-c", "diff.mnemonicPrefix=true", "diff"][..],
        ] {
            let out = repo.git(args);
            let text = String::from_utf8_lossy(&out);
            assert!(
                text.contains("--- c/mod.py") || text.contains("--- i/mod.py"),
                "{text}"
            );
            let parsed = parse_patch(&out).expect("mnemonic prefixes parse");
            assert_eq!(parsed.files.len(), 1);
            assert_eq!(parsed.files[0].path, "mod.py");
            assert_eq!(parsed.files[0].status, FileStatus::Modified);
        }
    }

    #[test]
    fn format_patch_series_yields_commits_with_trailers() {
        let repo = Repo::new();
        repo.write("config.py", b"DEBUG = False\n");
        repo.commit("base");
        repo.git(&["add", "."]);
        repo.commit("base files");
        repo.write(
            "auth.py",
            b"def login(user, password):\n    return check(user, password)\n",
        );
        repo.write("config.py", b"DEBUG = False\nSESSION_TTL = 3600\n");
        repo.git(&["add", "."]);
        let author = "Fr\u{e2}n\u{e7}ois \u{dc}n\u{ef}code <francois@example.com>";
        repo.git(&[
            "commit",
            "-q",
            "--author",
            author,
            "-m",
            "Add login handler\n\nImplements the login.\n\nCo-authored-by: Claude <noreply@anthropic.com>\nSigned-off-by: Ada Lovelace <ada@example.com>",
        ]);
        repo.write(
            "auth.py",
            b"def login(user, password):\n    if not user:\n        return False\n    return check(user, password)\n",
        );
        repo.git(&["add", "."]);
        let long_subject = "Reject empty user names in the login handler before checking the \
                            password against the store";
        repo.git(&[
            "commit",
            "-q",
            "-m",
            &format!(
                "{long_subject}\n\nClaude-Session: https://claude.ai/code/session_01\n\
                 Co-authored-by: Claude <noreply@anthropic.com>"
            ),
        ]);
        let ids = [
            repo.text(&["rev-parse", "HEAD~1"]),
            repo.text(&["rev-parse", "HEAD"]),
        ];
        let raw_message = |rev: &str| {
            let raw = String::from_utf8(repo.git(&["cat-file", "commit", rev])).expect("utf-8");
            raw.split_once("\n\n").expect("message").1.to_string()
        };

        for cover_letter in [false, true] {
            let mut args = vec!["format-patch", "-2", "--stdout"];
            if cover_letter {
                args.push("--cover-letter");
            }
            let mbox = repo.git(&args);
            let text = String::from_utf8_lossy(&mbox);
            assert!(
                text.contains("=?UTF-8?q?"),
                "the author name is RFC 2047 encoded"
            );
            assert!(text.contains("\n "), "the long subject is folded");
            let parsed = parse_patch(&mbox).expect("format-patch parses");
            assert_eq!(parsed.commits.len(), 2, "cover letter is not a commit");
            let [a, b] = [&parsed.commits[0], &parsed.commits[1]];
            assert_eq!(a.id, ids[0]);
            assert_eq!(b.id, ids[1]);
            assert_eq!(a.author.name, "Fr\u{e2}n\u{e7}ois \u{dc}n\u{ef}code");
            assert_eq!(a.author.email, "francois@example.com");
            assert_eq!((a.author.time, a.author.offset), (1_700_000_000, 3600));
            assert_eq!(a.committer, a.author);
            assert_eq!(b.author.name, "Ada Lovelace");
            assert_eq!(a.message, raw_message("HEAD~1"));
            assert_eq!(b.message, raw_message("HEAD"));
            assert_eq!(a.summary(), "Add login handler");
            assert_eq!(b.summary(), long_subject);
            let trailers = |c: &Commit| -> Vec<(String, String)> {
                c.trailers
                    .iter()
                    .map(|t| (t.key.clone(), t.value.clone()))
                    .collect()
            };
            assert_eq!(
                trailers(a),
                vec![
                    (
                        "Co-authored-by".into(),
                        "Claude <noreply@anthropic.com>".into()
                    ),
                    (
                        "Signed-off-by".into(),
                        "Ada Lovelace <ada@example.com>".into()
                    ),
                ]
            );
            assert_eq!(
                trailers(b),
                vec![
                    (
                        "Claude-Session".into(),
                        "https://claude.ai/code/session_01".into()
                    ),
                    (
                        "Co-authored-by".into(),
                        "Claude <noreply@anthropic.com>".into()
                    ),
                ]
            );
            assert!(a.parents.is_empty() && a.signature.is_none() && a.notes.is_empty());
            assert_eq!(a.paths, vec!["auth.py", "config.py"]);
            assert_eq!(b.paths, vec!["auth.py"]);
            let summary: Vec<(&str, FileStatus)> = parsed
                .files
                .iter()
                .map(|f| (f.path.as_str(), f.status))
                .collect();
            assert_eq!(
                summary,
                vec![
                    ("auth.py", FileStatus::Added),
                    ("config.py", FileStatus::Modified),
                    ("auth.py", FileStatus::Modified),
                ]
            );
            assert_eq!(parsed.files[2].hunks, vec![h(1, 0, 2, 2)]);
            assert_eq!(parsed.files[1].hunks, vec![h(1, 0, 2, 1)]);
        }

        // A single mail without the mbox `From <id>` line: the id is unknown.
        let mbox = repo.git(&["format-patch", "-1", "--stdout"]);
        let text = String::from_utf8_lossy(&mbox);
        let without_from_line = text.split_once('\n').expect("lines").1;
        let parsed = parse(without_from_line);
        assert_eq!(parsed.commits.len(), 1);
        assert_eq!(parsed.commits[0].id, "");
        assert_eq!(parsed.commits[0].summary(), long_subject);
    }

    const SIMPLE: &str = "diff --git a/x.py b/x.py\n\
                          index 1111111..2222222 100644\n\
                          --- a/x.py\n\
                          +++ b/x.py\n\
                          @@ -1,3 +1,4 @@\n\
                          \x20a\n\
                          -b\n\
                          +B\n\
                          +C\n\
                          \x20d\n";

    #[test]
    fn simple_patch_and_its_texts() {
        let p = parse(SIMPLE);
        let f = &p.files[0];
        assert_eq!(f.path, "x.py");
        assert_eq!(f.hunks, vec![h(2, 1, 2, 2)]);
        assert_eq!(f.old_text.as_deref(), Some("a\nb\nd\n"));
        assert_eq!(f.new_text.as_deref(), Some("a\nB\nC\nd\n"));
        assert!(f.is_added_line(3) && !f.is_added_line(4));
    }

    #[test]
    fn hunks_are_split_into_runs_of_changes() {
        let p = parse(
            "--- a/f\n+++ b/f\n@@ -10,10 +10,9 @@ fn context()\n c10\n-o11\n+n11\n c12\n c13\n\
             +n14\n c14\n-o15\n c16\n-o17\n-o18\n+n17\n c19\n",
        );
        let f = &p.files[0];
        assert_eq!(
            f.hunks,
            vec![
                h(11, 1, 11, 1),
                h(13, 0, 14, 1),
                h(15, 1, 15, 0),
                h(17, 2, 17, 1)
            ]
        );
        let new = f.new_text.as_deref().expect("new");
        assert_eq!(new.lines().count(), 18);
        assert_eq!(new.lines().nth(13), Some("n14"));
        assert_eq!(new.lines().nth(16), Some("n17"));
        let old = f.old_text.as_deref().expect("old");
        assert_eq!(old.lines().nth(17), Some("o18"));
        // Interleaved -/+ lines still make one run.
        let p = parse("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+A\n-b\n+B\n c\n");
        assert_eq!(p.files[0].hunks, vec![h(1, 2, 1, 2)]);
    }

    #[test]
    fn blank_line_in_a_hunk_is_an_empty_context_line() {
        let p = parse("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-c\n+C\n");
        let f = &p.files[0];
        assert_eq!(f.hunks, vec![h(3, 1, 3, 1)]);
        assert_eq!(f.new_text.as_deref(), Some("a\n\nC\n"));
    }

    #[test]
    fn plain_unified_diffs_without_diff_git() {
        // GNU diff with time stamps and different roots: the paths differ, so it is a rename.
        let p = parse(
            "--- old/a.txt\t2024-01-01 10:00:00.000000000 +0100\n\
             +++ new/a.txt\t2024-01-02 10:00:00.000000000 +0100\n\
             @@ -1,2 +1,2 @@\n one\n-two\n+TWO\n",
        );
        let f = &p.files[0];
        assert_eq!(f.path, "new/a.txt");
        assert_eq!(f.old_path.as_deref(), Some("old/a.txt"));
        assert_eq!(f.status, FileStatus::Renamed);
        assert_eq!(f.hunks, vec![h(2, 1, 2, 1)]);

        let p = parse(
            "Some explanation.\n\n--- a/src/x.rs\n+++ b/src/x.rs\n@@ -1 +1 @@\n-a\n+b\n\
             --- /dev/null\n+++ b/src/y.rs\n@@ -0,0 +1 @@\n+y\n\
             --- a/src/z.rs\t1\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n\
             --- src/w.rs\t1970-01-01 00:00:00.000000000 +0000\n+++ src/w.rs\t2024-01-01\n\
             @@ -0,0 +1 @@\n+w\n",
        );
        let summary: Vec<(&str, FileStatus)> = p
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.status))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("src/x.rs", FileStatus::Modified),
                ("src/y.rs", FileStatus::Added),
                ("src/z.rs", FileStatus::Deleted),
                ("src/w.rs", FileStatus::Added),
            ]
        );
        assert_eq!(p.files[1].old_text, None);
        assert_eq!(p.files[2].new_text, None);
    }

    #[test]
    fn forge_diff_with_preamble_and_git_log_output() {
        let forge =
            format!("This pull request fixes things.\n+ not a diff line\n\n{SIMPLE}{SIMPLE}");
        let p = parse(&forge);
        assert_eq!(p.files.len(), 2);

        let repo = Repo::new();
        repo.write("a.txt", b"1\n");
        repo.git(&["add", "."]);
        repo.commit("one\n\nbody line\n---\nnot a patch separator in git log");
        repo.write("a.txt", b"1\n2\n");
        repo.git(&["add", "."]);
        repo.git(&["update-index", "--chmod=+x", "a.txt"]);
        repo.commit("two");
        repo.git(&["update-index", "--chmod=-x", "a.txt"]);
        repo.commit("three");
        let log = repo.git(&["log", "-p"]);
        let p = parse_patch(&log).expect("git log -p parses");
        assert!(p.commits.is_empty());
        let summary: Vec<(FileStatus, usize, usize)> = p
            .files
            .iter()
            .map(|f| (f.status, f.hunks.len(), f.notes.len()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (FileStatus::Modified, 0, 1),
                (FileStatus::Modified, 1, 1),
                (FileStatus::Added, 1, 0),
            ]
        );
    }

    #[test]
    fn quoted_paths_and_header_only_sections() {
        let p = parse(
            "diff --git \"a/caf\\303\\251.txt\" \"b/caf\\303\\251.txt\"\n\
             new file mode 100644\n\
             index 0000000..e69de29\n\
             diff --git a/old name.txt b/new name.txt\n\
             similarity index 100%\n\
             rename from old name.txt\n\
             rename to new name.txt\n\
             diff --git a/tab b/\"quoted\\tname\"\n\
             deleted file mode 100644\n\
             index e69de29..0000000\n\
             diff --git a/x y.txt b/x y.txt\n\
             old mode 100644\n\
             new mode 100755\n",
        );
        let summary: Vec<(&str, Option<&str>, FileStatus)> = p
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.old_path.as_deref(), f.status))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("caf\u{e9}.txt", None, FileStatus::Added),
                ("new name.txt", Some("old name.txt"), FileStatus::Renamed),
                ("tab", None, FileStatus::Deleted),
                ("x y.txt", None, FileStatus::Modified),
            ]
        );
        assert_eq!(
            p.files[3].notes,
            vec![FileNote::ModeChanged {
                old: "100644".into(),
                new: "100755".into()
            }]
        );
        // Invalid UTF-8 in a quoted path is decoded lossily and noted.
        let p = parse("diff --git \"a/\\377.txt\" \"b/\\377.txt\"\nnew file mode 100644\n");
        assert_eq!(p.files[0].path, "\u{fffd}.txt");
        assert_eq!(p.files[0].notes, vec![FileNote::InvalidUtf8]);
    }

    #[test]
    fn copies_keep_their_source() {
        let p = parse(
            "diff --git a/a.py b/b.py\nsimilarity index 90%\ncopy from a.py\ncopy to b.py\n\
             --- a/a.py\n+++ b/b.py\n@@ -1 +1 @@\n-x\n+y\n",
        );
        let f = &p.files[0];
        assert_eq!(
            (f.path.as_str(), f.old_path.as_deref()),
            ("b.py", Some("a.py"))
        );
        assert_eq!(f.status, FileStatus::Added);
        assert_eq!(f.hunks, vec![h(1, 1, 1, 1)]);
    }

    #[test]
    fn submodule_summaries_and_gnu_binary_lines() {
        let p = parse(
            "Submodule vendor/lib 1234567..89abcde:\n  > Fix things\n\
             diff -r a/img.png b/img.png\nBinary files a/img.png and b/img.png differ\n\
             Only in a: gone.txt\n",
        );
        assert_eq!(p.files.len(), 2);
        assert_eq!(p.files[0].path, "vendor/lib");
        assert_eq!(p.files[0].skipped, Some(SkipReason::Submodule));
        assert_eq!(p.files[1].path, "img.png");
        assert_eq!(p.files[1].skipped, Some(SkipReason::Binary));
    }

    #[test]
    fn error_empty_input_and_no_files() {
        for input in ["", "\n\n", "just some text\nand more\n"] {
            let e = parse_err(input);
            assert_eq!(e.line, 1);
            assert!(e.message.contains("no file changes found"), "{e}");
        }
        assert!(
            parse_err("")
                .to_string()
                .starts_with("line 1: no file changes found")
        );
    }

    #[test]
    fn error_truncated_hunk_names_its_header() {
        let e = parse_err("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,1 +1,5 @@\n a\n+b\n+c\n");
        assert_eq!(e.line, 4);
        assert_eq!(
            e.to_string(),
            "line 4: hunk header says 5 new lines but the patch ends after 3"
        );
        // Cut off by the next file: too few lines.
        let e = parse_err(&format!("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n{SIMPLE}"));
        assert_eq!(e.line, 3);
        assert!(e.message.contains("says 3 old and 3 new lines"), "{e}");
        assert!(e.message.contains("line 5 is not a hunk line"), "{e}");
        // A truncated SIMPLE at every point inside its hunk.
        let lines: Vec<&str> = SIMPLE.lines().collect();
        for cut in 5..lines.len() {
            let text = lines[..cut].join("\n");
            let e = parse_err(&text);
            assert_eq!(e.line, 5, "cut at {cut}: {e}");
        }
    }

    #[test]
    fn error_line_count_mismatch_names_the_extra_line() {
        // One '+' line too many: the hunk is complete before it.
        let e = parse_err("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n");
        assert_eq!(e.line, 7);
        assert!(
            e.message.contains("after the end of the hunk at line 3"),
            "{e}"
        );
        // A '-' line when the old side is already full.
        let e = parse_err("--- a/x\n+++ b/x\n@@ -1,1 +1,2 @@\n-a\n-b\n+c\n+d\n");
        assert_eq!(e.line, 5);
        assert!(e.message.contains("does not fit the hunk at line 3"), "{e}");
        // An extra context line.
        let e = parse_err("--- a/x\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n+b\n c\n");
        assert_eq!(e.line, 6);
    }

    #[test]
    fn error_bad_hunk_headers() {
        let cases = [
            ("@@ -1,x +1 @@", "expected a line number after '-'"),
            ("@@ -a +1 @@", "expected a line number after '-'"),
            ("@@ -1 +1,b @@", "expected a line number after '+'"),
            ("@@ -1 +1  @@", "expected ' @@'"),
            ("@@ -1 +1", "expected ' @@'"),
            ("@@ -99999999999,1 +1 @@", "too large"),
            ("@@ -1,99999999999999999999999999 +1 @@", "too large"),
            ("@@ -4294967295,5 +1,5 @@", "goes past line 4294967295"),
            ("@@ -0,2 +1,2 @@", "at line 0"),
            ("@@ -1,0 +1,0 @@", "no lines"),
            ("@@@ -1 -1 +1 @@@", "malformed"),
        ];
        for (header, expected) in cases {
            let e = parse_err(&format!(
                "diff --git a/x b/x\n--- a/x\n+++ b/x\n{header}\n-a\n+b\n"
            ));
            assert_eq!(e.line, 4, "{header}: {e}");
            assert!(e.message.contains(expected), "{header}: {e}");
        }
    }

    #[test]
    fn error_structure_problems() {
        let cases: [(&str, usize, &str); 10] = [
            (
                "diff --git a/x b/x\nfoo bar\n",
                2,
                "unexpected line in the header",
            ),
            (
                "diff --git a/x b/x\n--- a/x\nfoo\n",
                2,
                "without a '+++' line",
            ),
            (
                "diff --git a/x b/x\n--- a/x\n+++ b/x\n\n",
                4,
                "expected a hunk header",
            ),
            (
                "--- a/x\n+++ b/x\n@@ -5 +5 @@\n-a\n+b\n@@ -1 +1 @@\n-a\n+b\n",
                6,
                "comes before the previous hunk",
            ),
            (
                "diff --git a/x b/x\nBinary files a/x and b/x differ\n@@ -1 +1 @@\n-a\n+b\n",
                3,
                "after the binary patch",
            ),
            ("diff --cc a.txt\nindex 1,2..3\n", 1, "not supported"),
            (
                "--- a/x\n+++ b/x\n@@ -1 +1 @@\n\\ No newline\n-a\n+b\n",
                4,
                "not after a hunk",
            ),
            (
                "diff --git a/x b/x\nnew file mode 100644\n--- /dev/null\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
                5,
                "old line",
            ),
            ("diff --git a/x b/x\nold mode 10x644\n", 2, "bad file mode"),
            ("diff --git \n", 1, "file names"),
        ];
        for (input, line, expected) in cases {
            let e = parse_err(input);
            assert_eq!(e.line, line, "{input:?}: {e}");
            assert!(e.message.contains(expected), "{input:?}: {e}");
        }
    }

    #[test]
    fn rfc2047_and_dates() {
        assert_eq!(
            decode_rfc2047("=?UTF-8?q?Fran=C3=A7ois_X?="),
            "Fran\u{e7}ois X"
        );
        assert_eq!(
            decode_rfc2047("=?utf-8?B?w6k=?= =?utf-8?q?t=C3=A9?= x"),
            "\u{e9}t\u{e9} x"
        );
        assert_eq!(decode_rfc2047("=?ISO-8859-1?Q?caf=E9?="), "caf\u{e9}");
        assert_eq!(decode_rfc2047("plain =?bad"), "plain =?bad");
        assert_eq!(
            parse_mailbox("\"Doe, John\" <j@x.example>"),
            ("Doe, John".into(), "j@x.example".into())
        );
        assert_eq!(
            parse_mailbox("j@x.example"),
            (String::new(), "j@x.example".into())
        );
        assert_eq!(
            parse_rfc2822_date("Tue, 14 Nov 2023 23:13:20 +0100"),
            Some((1_700_000_000, 3600))
        );
        assert_eq!(
            parse_rfc2822_date("14 Nov 2023 17:13:20 -0500"),
            Some((1_700_000_000, -18000))
        );
        assert_eq!(parse_rfc2822_date("yesterday"), None);
        // Found by fuzzing: a negative hour overflowed the arithmetic.
        assert_eq!(
            parse_rfc2822_date("Sun, 30 Nov 2026 -00000000034059234853424988:6 2on-)"),
            None
        );
        assert_eq!(parse_rfc2822_date("Sun, 30 Nov -5 10:00:00 +0000"), None);
        assert_eq!(parse_rfc2822_date("Sun, 30 Nov 2026 10:00:00 +9999"), None);
        assert_eq!(strip_patch_prefix("[PATCH v2 03/10] net: fix"), "net: fix");
        assert_eq!(strip_patch_prefix("[RFC PATCH] x"), "x");
        assert_eq!(strip_patch_prefix("[core] x"), "[core] x");
    }

    #[test]
    fn two_thousand_line_patch_parses() {
        let mut text = String::from("--- a/big.py\n+++ b/big.py\n@@ -1,1000 +1,1000 @@\n");
        for i in 0..1000 {
            if i % 10 == 0 {
                text.push_str(&format!("-old {i}\n+new {i}\n"));
            } else {
                text.push_str(&format!(" same {i}\n"));
            }
        }
        let p = parse(&text);
        assert_eq!(p.files[0].hunks.len(), 100);
        assert_eq!(p.files[0].line_counts(), (100, 100));
    }

    /// A patch with most features, for the mutation test.
    const SAMPLE: &str = "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n\
From: =?UTF-8?q?Fran=C3=A7ois?= <f@example.com>\n\
Date: Tue, 14 Nov 2023 23:13:20 +0100\n\
Subject: [PATCH 1/1] Add a long subject that is\n folded\n\
\n\
Body.\n\
\n\
Co-authored-by: Claude <noreply@anthropic.com>\n\
---\n\
\x20a.py | 3 ++-\n\
\n\
diff --git a/a.py b/a.py\n\
index 1111111..2222222 100644\n\
--- a/a.py\n\
+++ b/a.py\n\
@@ -1,4 +1,5 @@ def f():\n\
\x20a\n\
-b\r\n\
+B\n\
+C\n\
\x20c\n\
\n\
@@ -10,2 +11 @@\n\
-x\n\
-y\n\
+z\n\
\\ No newline at end of file\n\
diff --git \"a/caf\\303\\251\" \"b/caf\\303\\251\"\n\
old mode 100644\n\
new mode 100755\n\
similarity index 90%\n\
rename from old\n\
rename to \"caf\\303\\251\"\n\
diff --git a/bin b/bin\n\
index 1111111..2222222 100644\n\
GIT binary patch\n\
literal 5\n\
McmZQzWMXCj00031000\n\
\n\
literal 0\n\
HcmV?d00001\n\
\n\
diff --git a/sub b/sub\n\
index 1111111..2222222 160000\n\
--- a/sub\n\
+++ b/sub\n\
@@ -1 +1 @@\n\
-Subproject commit 1111111111111111111111111111111111111111\n\
+Subproject commit 2222222222222222222222222222222222222222\n\
--- /dev/null\n\
+++ b/new.txt\n\
@@ -0,0 +1,2 @@\n\
+n\u{e9}\n\
+m\n\
-- \n\
2.47.3\n\
\n";

    #[test]
    fn sample_parses() {
        let p = parse(SAMPLE);
        assert_eq!(p.commits.len(), 1);
        assert_eq!(p.commits[0].summary(), "Add a long subject that is folded");
        assert_eq!(p.commits[0].author.name, "Fran\u{e7}ois");
        let summary: Vec<(&str, FileStatus, Option<SkipReason>)> = p
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.status, f.skipped.clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("a.py", FileStatus::Modified, None),
                ("caf\u{e9}", FileStatus::Renamed, None),
                ("bin", FileStatus::Modified, Some(SkipReason::Binary)),
                ("sub", FileStatus::Modified, Some(SkipReason::Submodule)),
                ("new.txt", FileStatus::Added, None),
            ]
        );
        assert_eq!(p.files[0].hunks, vec![h(2, 1, 2, 2), h(10, 2, 11, 1)]);
        assert_eq!(
            p.files[0].new_text.as_deref().map(|t| t.ends_with("\nz")),
            Some(true)
        );
        assert_eq!(
            p.commits[0].paths,
            vec!["a.py", "caf\u{e9}", "bin", "sub", "new.txt"]
        );
    }

    /// xorshift64*: a small deterministic generator for the mutation test.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Invariants of any successful parse.
    fn check_invariants(p: &ParsedPatch) {
        assert!(!p.files.is_empty());
        for f in &p.files {
            for pair in f.hunks.windows(2) {
                assert!(
                    pair[0].new_start + pair[0].new_lines <= pair[1].new_start + 1,
                    "{f:?}"
                );
                assert!(
                    pair[0].old_start + pair[0].old_lines <= pair[1].old_start + 1,
                    "{f:?}"
                );
            }
            if let Some(text) = &f.new_text {
                let lines = text.lines().count() as u32;
                for r in f.added_ranges() {
                    assert!(r.end <= lines, "{f:?}");
                }
            }
            if let Some(text) = &f.old_text {
                let lines = text.lines().count() as u32;
                for r in f.removed_ranges() {
                    assert!(r.end <= lines, "{f:?}");
                }
            }
        }
    }

    #[test]
    fn mutations_never_panic() {
        const INTERESTING: &[u8] = b"\n\n\n@@@+++---   \\\"\r0123456789,/:\xff\x00abc";
        let base = SAMPLE.as_bytes();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for i in 0..2000 {
            let mut input = base.to_vec();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(input.len() + 1);
                match rng.below(6) {
                    0 => input.truncate(at),
                    1 => {
                        if at < input.len() {
                            input[at] = INTERESTING[rng.below(INTERESTING.len())];
                        }
                    }
                    2 => input.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
                    3 => {
                        let end = (at + rng.below(64)).min(input.len());
                        input.drain(at..end);
                    }
                    4 => {
                        let end = (at + rng.below(200)).min(input.len());
                        let copy = input[at..end].to_vec();
                        let to = rng.below(input.len() + 1);
                        input.splice(to..to, copy);
                    }
                    _ => {
                        if at < input.len() {
                            input[at] = (rng.next() & 0xff) as u8;
                        }
                    }
                }
            }
            let result = std::panic::catch_unwind(|| parse_patch(&input));
            match result {
                Ok(Ok(parsed)) => check_invariants(&parsed),
                Ok(Err(e)) => assert!(e.line >= 1, "iteration {i}: {e}"),
                Err(_) => panic!(
                    "iteration {i}: parse_patch panicked on {:?}",
                    String::from_utf8_lossy(&input)
                ),
            }
        }
    }

    #[test]
    fn huge_line_numbers_do_not_allocate_gigabytes() {
        let p = parse("--- a/x\n+++ b/x\n@@ -4000000000,1 +4000000000,1 @@\n-a\n+b\n");
        let f = &p.files[0];
        assert!(
            matches!(f.skipped, Some(SkipReason::TooLarge { .. })),
            "{f:?}"
        );
        assert_eq!(f.hunks, vec![h(4_000_000_000, 1, 4_000_000_000, 1)]);
        assert_eq!(f.new_text, None);
    }
}

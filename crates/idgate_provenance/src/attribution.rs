//! Line-level attribution: who wrote a given line, from the records AI tooling leaves beside a
//! commit.
//!
//! Two formats are read, both without I/O (callers pass the text):
//!
//! - **git-ai notes** ([`parse_git_ai_note`]): the Git AI Standard `authorship/3.0.0` log that
//!   git-ai attaches to a commit under `refs/notes/ai`. An attestation section maps files and line
//!   ranges to keys; a line `---` separates it from a metadata JSON object that names the agent
//!   behind each key. Keys route by prefix: `s_<hex>::t_<hex>` is an AI session
//!   (`metadata.sessions`), `h_<hex>` a known human (`metadata.humans`), a bare hex hash (16 digits,
//!   7 in pre-1.0 notes) a legacy AI prompt (`metadata.prompts`).
//! - **Agent Trace** ([`parse_agent_trace`]): Agent Trace v0.1.0 Trace Records as JSON Lines (the
//!   reference implementation appends them to `.agent-trace/traces.jsonl`). A record names a
//!   revision, files, conversations and line ranges, each with a contributor type
//!   (`human`, `ai`, `mixed`, `unknown`).
//!
//! [`attribute_line`] combines both into an [`idgate_core::LineAttribution`]. Line numbers are
//! 1-based and refer to the file as of the commit the record is about.
//!
//! A line no record covers is [`Actor::Unknown`], never human: git-ai only writes lines it saw an
//! agent (or, through an IDE extension, a person) type, and most repositories have no records.
//!
//! # Trust
//!
//! Notes and trace files are unsigned. Anyone with push rights to `refs/notes/ai`, or to the
//! branch holding `.agent-trace/traces.jsonl`, can write any attribution, and git-ai notes are
//! copied between commits by history rewrites. So an attribution from these sources may *raise*
//! a line to [`Actor::Agent`] (claiming AI wrote your code does not help an attacker past a gate
//! that is stricter for agents), but an [`Actor::Human`] from them is informational only: it must
//! never count as the positive evidence the policy needs to treat a line as human-written. Callers
//! can tell these apart by [`LineAttribution::source`] (`git-ai`, `agent-trace`). For the same
//! reason [`attribute_line`] prefers an `agent` answer from either source over a `human` one.
//! Compare [`GitAiNote::base_commit_sha`] with the commit the note is attached to (see
//! [`GitAiNote::base_matches`]): a mismatch means the note was copied or the history rewritten,
//! and its line numbers may not fit the file.

use std::collections::BTreeMap;
use std::fmt;

use idgate_core::{Actor, LineAttribution, LineRange};
use serde_json::{Map, Value};

/// The git-ai schema version [`parse_git_ai_note`] reads.
pub const GIT_AI_SCHEMA_VERSION: &str = "authorship/3.0.0";

/// The `source` of attributions read from git-ai notes.
pub const SOURCE_GIT_AI: &str = "git-ai";

/// The `source` of attributions read from Agent Trace records.
pub const SOURCE_AGENT_TRACE: &str = "agent-trace";

/// The `source` of [`attribute_line`]'s answer when no record covers the line.
pub const SOURCE_NONE: &str = "none";

// ---------------------------------------------------------------------------------------------
// git-ai notes
// ---------------------------------------------------------------------------------------------

/// A parsed git-ai authorship note (`authorship/3.0.0`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GitAiNote {
    /// `metadata.base_commit_sha`: the commit the log was computed for (git-ai sets it to the
    /// commit the note is attached to). `None` when missing or not a string.
    pub base_commit_sha: Option<String>,
    /// `metadata.git_ai_version`, when present.
    pub git_ai_version: Option<String>,
    /// The attestation section, file by file, in note order.
    pub files: Vec<AttestedFile>,
    /// `metadata.sessions`: AI sessions by session id (`s_<hex>`, without the `::t_…` part).
    pub sessions: BTreeMap<String, AgentRecord>,
    /// `metadata.prompts`: legacy AI prompts by hash.
    pub prompts: BTreeMap<String, AgentRecord>,
    /// `metadata.humans`: known humans by key (`h_<hex>`).
    pub humans: BTreeMap<String, HumanRecord>,
}

/// One file of a note's attestation section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttestedFile {
    /// Repository-relative path, unquoted and unescaped.
    pub path: String,
    /// 1-based line of the note where the path stands.
    pub line: usize,
    /// The entries under the path, in note order.
    pub entries: Vec<Attestation>,
}

/// One entry line: a key and the file lines it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    /// The key as written (`s_…::t_…`, `h_…`, or a bare hash).
    pub key: String,
    /// What the key refers to.
    pub kind: KeyKind,
    /// The covered lines, as written (1-based, inclusive).
    pub ranges: Vec<LineRange>,
    /// 1-based line of the note where the entry stands.
    pub line: usize,
}

impl Attestation {
    /// The key under which the metadata describes this entry: the session id (the part before
    /// `::`) for session keys, the key itself otherwise.
    pub fn metadata_key(&self) -> &str {
        match self.kind {
            KeyKind::Session => self.key.split("::").next().unwrap_or(&self.key),
            _ => &self.key,
        }
    }

    /// Whether the entry covers `line`.
    pub fn covers(&self, line: u32) -> bool {
        self.ranges.iter().any(|r| r.contains(line))
    }
}

/// What an attestation key refers to, decided by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// `s_<hex>::t_<hex>`: an AI session (`metadata.sessions`).
    Session,
    /// `h_<hex>`: a known human (`metadata.humans`).
    Human,
    /// A bare hex hash (16 digits; 7 in pre-1.0 notes), or any key `metadata.prompts` lists: a
    /// legacy AI prompt.
    Prompt,
    /// None of the above (a future key format): the line's author is unknown.
    Unrecognised,
}

/// An AI session or legacy prompt record of the metadata. Fields of the wrong JSON type are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgentRecord {
    /// `agent_id.tool`: the agent (`claude`, `cursor`, `codex`, …).
    pub tool: Option<String>,
    /// `agent_id.id`: the conversation id.
    pub id: Option<String>,
    /// `agent_id.model`: the model (`claude-opus-4-5`, …).
    pub model: Option<String>,
    /// `human_author`: the person who directed the agent, as recorded (unverified).
    pub human_author: Option<String>,
}

/// A known-human record of the metadata.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HumanRecord {
    /// `author`: `"Name <email>"`, as recorded (unverified).
    pub author: Option<String>,
}

/// What a git-ai note says about one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteAttribution {
    /// [`Actor::Agent`] for session and prompt keys, [`Actor::Human`] for human keys,
    /// [`Actor::Unknown`] for unrecognised keys.
    pub actor: Actor,
    /// The attestation key that covers the line.
    pub key: String,
    /// What the key refers to.
    pub kind: KeyKind,
    /// The agent (`agent_id.tool`), when the metadata names it.
    pub tool: Option<String>,
    /// The model (`agent_id.model`), when the metadata names it.
    pub model: Option<String>,
    /// The person: the directing human of an AI session, or the author of a human key.
    pub human: Option<String>,
    /// Whether the metadata has a record for the key (a key without one is still attributed).
    pub known: bool,
}

impl NoteAttribution {
    /// The agent name for reports: the tool, else the model. `None` unless the actor is an agent.
    pub fn agent(&self) -> Option<&str> {
        if self.actor != Actor::Agent {
            return None;
        }
        self.tool.as_deref().or(self.model.as_deref())
    }

    /// As an [`idgate_core::LineAttribution`] with source `git-ai`.
    pub fn to_line_attribution(&self, commit: Option<&str>) -> LineAttribution {
        LineAttribution {
            actor: self.actor,
            agent: self.agent().map(str::to_string),
            source: SOURCE_GIT_AI.to_string(),
            commit: commit.map(str::to_string),
        }
    }
}

impl GitAiNote {
    /// Who wrote `line` (1-based) of `path` (repository-relative; a leading `./` is ignored).
    ///
    /// `None` when no entry covers the line (unknown provenance, not human). When several
    /// entries cover it (a malformed note), an AI key wins over a human key, which wins over an
    /// unrecognised one; among equals the later entry wins, as in git-ai.
    pub fn attribute(&self, path: &str, line: u32) -> Option<NoteAttribution> {
        if line == 0 {
            return None;
        }
        let path = normalise_path(path);
        let rank = |kind: KeyKind| match kind {
            KeyKind::Session | KeyKind::Prompt => 2,
            KeyKind::Human => 1,
            KeyKind::Unrecognised => 0,
        };
        let mut best: Option<&Attestation> = None;
        for file in self
            .files
            .iter()
            .filter(|f| normalise_path(&f.path) == path)
        {
            for entry in file.entries.iter().filter(|e| e.covers(line)) {
                if best.is_none_or(|b| rank(entry.kind) >= rank(b.kind)) {
                    best = Some(entry);
                }
            }
        }
        best.map(|entry| self.describe(entry))
    }

    /// Whether the note's `base_commit_sha` names `commit` (case-insensitive; a hex prefix of at
    /// least 7 digits on either side is accepted). `None` when the note has no base.
    pub fn base_matches(&self, commit: &str) -> Option<bool> {
        self.base_commit_sha
            .as_deref()
            .map(|base| revision_matches(base, commit))
    }

    fn describe(&self, entry: &Attestation) -> NoteAttribution {
        let key = entry.metadata_key();
        let mut out = NoteAttribution {
            actor: Actor::Unknown,
            key: entry.key.clone(),
            kind: entry.kind,
            tool: None,
            model: None,
            human: None,
            known: false,
        };
        match entry.kind {
            KeyKind::Session | KeyKind::Prompt => {
                out.actor = Actor::Agent;
                let map = if entry.kind == KeyKind::Session {
                    &self.sessions
                } else {
                    &self.prompts
                };
                if let Some(rec) = map.get(key) {
                    out.known = true;
                    out.tool = rec.tool.clone();
                    out.model = rec.model.clone();
                    out.human = rec.human_author.clone();
                }
            }
            KeyKind::Human => {
                out.actor = Actor::Human;
                if let Some(rec) = self.humans.get(key) {
                    out.known = true;
                    out.human = rec.author.clone();
                }
            }
            KeyKind::Unrecognised => {}
        }
        out
    }
}

/// Why a git-ai note could not be read. Every variant carries the 1-based line of the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributionError {
    /// No line `---` separates the attestations from the metadata. `line` is the first line that
    /// looks like JSON, or the line after the last one.
    MissingDivider {
        /// Where the divider was expected.
        line: usize,
    },
    /// A line range specification is malformed (`5-3`, `0`, `abc`, `1,,2`, …).
    BadRange {
        /// The entry line.
        line: usize,
        /// The range specification as written.
        ranges: String,
        /// What is wrong.
        reason: String,
    },
    /// An entry line is malformed, or stands before any file path.
    BadEntry {
        /// The entry line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file path line is malformed (an unterminated quote, an empty path).
    BadPath {
        /// The path line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The metadata section is not valid JSON.
    InvalidJson {
        /// The line of the note where the JSON parser stopped.
        line: usize,
        /// The column on that line (1-based; 0 at end of input).
        column: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// `schema_version` is missing or is not `authorship/3.0.0`.
    SchemaVersion {
        /// The line of `schema_version`, or the first metadata line when it is missing.
        line: usize,
        /// The value found (JSON text for non-strings), `None` when missing.
        found: Option<String>,
    },
    /// The metadata is valid JSON of the wrong shape (not an object, `prompts` not an object, …).
    InvalidMetadata {
        /// The line of the offending key, or the first metadata line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl AttributionError {
    /// The 1-based line of the note the error is about.
    pub fn line(&self) -> usize {
        match self {
            AttributionError::MissingDivider { line }
            | AttributionError::BadRange { line, .. }
            | AttributionError::BadEntry { line, .. }
            | AttributionError::BadPath { line, .. }
            | AttributionError::InvalidJson { line, .. }
            | AttributionError::SchemaVersion { line, .. }
            | AttributionError::InvalidMetadata { line, .. } => *line,
        }
    }
}

impl fmt::Display for AttributionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributionError::MissingDivider { line } => write!(
                f,
                "git-ai note line {line}: no `---` line separates attestations from metadata"
            ),
            AttributionError::BadRange {
                line,
                ranges,
                reason,
            } => write!(
                f,
                "git-ai note line {line}: bad line ranges '{ranges}': {reason}"
            ),
            AttributionError::BadEntry { line, message } => {
                write!(
                    f,
                    "git-ai note line {line}: bad attestation entry: {message}"
                )
            }
            AttributionError::BadPath { line, message } => {
                write!(f, "git-ai note line {line}: bad file path: {message}")
            }
            AttributionError::InvalidJson {
                line,
                column,
                message,
            } => write!(
                f,
                "git-ai note line {line}, column {column}: invalid metadata JSON: {message}"
            ),
            AttributionError::SchemaVersion { line, found: None } => write!(
                f,
                "git-ai note line {line}: metadata has no schema_version (expected \
                 \"{GIT_AI_SCHEMA_VERSION}\")"
            ),
            AttributionError::SchemaVersion {
                line,
                found: Some(v),
            } => write!(
                f,
                "git-ai note line {line}: unsupported schema_version {v} (expected \
                 \"{GIT_AI_SCHEMA_VERSION}\")"
            ),
            AttributionError::InvalidMetadata { line, message } => {
                write!(f, "git-ai note line {line}: invalid metadata: {message}")
            }
        }
    }
}

impl std::error::Error for AttributionError {}

/// Parse a git-ai authorship note (`authorship/3.0.0`).
///
/// Lenient on layout: blank lines, trailing whitespace, CRLF line ends and a leading BOM are
/// accepted, entry lines may be indented by any whitespace (the standard says two spaces), and
/// unknown metadata fields, unsorted ranges and keys without a metadata record are accepted.
/// Strict on content: malformed ranges, a missing divider, invalid JSON and a missing or other
/// `schema_version` are errors with the note's 1-based line number.
pub fn parse_git_ai_note(text: &str) -> Result<GitAiNote, AttributionError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // Split at the first line that is exactly `---` (trailing whitespace allowed).
    let mut attestation_lines: Vec<(usize, &str)> = Vec::new();
    let mut divider: Option<(usize, usize)> = None; // (line number, byte offset after it)
    let mut offset = 0;
    let mut count = 0;
    for (idx, raw) in text.split_inclusive('\n').enumerate() {
        count = idx + 1;
        offset += raw.len();
        let line = raw.trim_end();
        if line == "---" {
            divider = Some((idx + 1, offset));
            break;
        }
        attestation_lines.push((idx + 1, line));
    }
    let Some((divider_line, json_offset)) = divider else {
        let line = attestation_lines
            .iter()
            .find(|(_, l)| l.trim_start().starts_with('{'))
            .map_or(count + 1, |(n, _)| *n);
        return Err(AttributionError::MissingDivider { line });
    };

    // Attestations first, so that errors come in line order.
    let mut files: Vec<AttestedFile> = Vec::new();
    for (lineno, line) in attestation_lines {
        if line.is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            let entry = parse_entry(line.trim_start(), lineno)?;
            let Some(file) = files.last_mut() else {
                return Err(AttributionError::BadEntry {
                    line: lineno,
                    message: "entry before any file path".into(),
                });
            };
            file.entries.push(entry);
        } else {
            files.push(AttestedFile {
                path: parse_path(line, lineno)?,
                line: lineno,
                entries: Vec::new(),
            });
        }
    }

    let metadata = parse_metadata(&text[json_offset..], divider_line + 1)?;
    // A key of no known format that `prompts` lists is a prompt key all the same.
    for entry in files.iter_mut().flat_map(|f| f.entries.iter_mut()) {
        if entry.kind == KeyKind::Unrecognised && metadata.prompts.contains_key(&entry.key) {
            entry.kind = KeyKind::Prompt;
        }
    }
    let note = GitAiNote {
        base_commit_sha: metadata.base_commit_sha,
        git_ai_version: metadata.git_ai_version,
        files,
        sessions: metadata.sessions,
        prompts: metadata.prompts,
        humans: metadata.humans,
    };
    Ok(note)
}

fn parse_entry(content: &str, line: usize) -> Result<Attestation, AttributionError> {
    let Some((key, ranges)) = content.split_once([' ', '\t']) else {
        return Err(AttributionError::BadEntry {
            line,
            message: format!("'{content}' has no line ranges after the key"),
        });
    };
    let ranges = ranges.trim_start();
    let kind = if key.starts_with("s_") {
        KeyKind::Session
    } else if key.starts_with("h_") {
        KeyKind::Human
    } else if key.len() >= 7 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        KeyKind::Prompt
    } else {
        KeyKind::Unrecognised
    };
    Ok(Attestation {
        key: key.to_string(),
        kind,
        ranges: parse_ranges(ranges, line)?,
        line,
    })
}

fn parse_ranges(spec: &str, line: usize) -> Result<Vec<LineRange>, AttributionError> {
    let bad = |reason: String| AttributionError::BadRange {
        line,
        ranges: spec.to_string(),
        reason,
    };
    let number = |s: &str| -> Result<u32, AttributionError> {
        if s.is_empty() {
            return Err(bad("a line number is missing".into()));
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!("'{s}' is not a line number")));
        }
        match s.parse::<u32>() {
            Ok(0) => Err(bad("line numbers start at 1".into())),
            Ok(n) => Ok(n),
            Err(_) => Err(bad(format!("line number {s} is too large"))),
        }
    };
    let mut out = Vec::new();
    for part in spec.split(',') {
        let (start, end) = match part.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(part)?;
                (n, n)
            }
        };
        if start > end {
            return Err(bad(format!("range {part} ends before it starts")));
        }
        out.push(LineRange { start, end });
    }
    Ok(out)
}

/// A path line: bare, or in double quotes with C-style escapes (`\"`, `\\`, `\t`, `\n`, octal
/// `\303\251`, …). An unknown escape is kept as written.
fn parse_path(line: &str, lineno: usize) -> Result<String, AttributionError> {
    let bad = |message: &str| AttributionError::BadPath {
        line: lineno,
        message: message.to_string(),
    };
    let Some(quoted) = line.strip_prefix('"') else {
        return Ok(line.to_string());
    };
    let Some(inner) = quoted.strip_suffix('"') else {
        return Err(bad("quoted path does not end with a quote"));
    };
    if inner.is_empty() {
        return Err(bad("empty path"));
    }
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' || i + 1 == bytes.len() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let simple = match bytes[i + 1] {
            b'\\' => Some(b'\\'),
            b'"' => Some(b'"'),
            b'a' => Some(0x07),
            b'b' => Some(0x08),
            b't' => Some(b'\t'),
            b'n' => Some(b'\n'),
            b'v' => Some(0x0b),
            b'f' => Some(0x0c),
            b'r' => Some(b'\r'),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            i += 2;
            continue;
        }
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| d[0] <= b'3' && d.iter().all(|c| (b'0'..=b'7').contains(c)));
        if let Some(d) = octal {
            out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
            i += 4;
        } else {
            out.push(b'\\');
            i += 1;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

struct Metadata {
    base_commit_sha: Option<String>,
    git_ai_version: Option<String>,
    sessions: BTreeMap<String, AgentRecord>,
    prompts: BTreeMap<String, AgentRecord>,
    humans: BTreeMap<String, HumanRecord>,
}

fn parse_metadata(json: &str, first_line: usize) -> Result<Metadata, AttributionError> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        AttributionError::InvalidJson {
            line: first_line + e.line().saturating_sub(1),
            column: e.column(),
            message,
        }
    })?;
    let Some(obj) = value.as_object() else {
        return Err(AttributionError::InvalidMetadata {
            line: first_line,
            message: "the metadata is not a JSON object".into(),
        });
    };
    match obj.get("schema_version") {
        Some(Value::String(v)) if v == GIT_AI_SCHEMA_VERSION => {}
        found => {
            return Err(AttributionError::SchemaVersion {
                line: key_line(json, first_line, "schema_version"),
                found: found.map(|v| v.to_string()),
            });
        }
    }
    let map = |name: &str| -> Result<Option<&Map<String, Value>>, AttributionError> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(_) => Err(AttributionError::InvalidMetadata {
                line: key_line(json, first_line, name),
                message: format!("`{name}` is not an object"),
            }),
        }
    };
    let string = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let agents = |m: Option<&Map<String, Value>>| -> BTreeMap<String, AgentRecord> {
        m.into_iter()
            .flatten()
            .map(|(k, v)| {
                let agent_id = v.get("agent_id").unwrap_or(&Value::Null);
                let rec = AgentRecord {
                    tool: string(agent_id, "tool"),
                    id: string(agent_id, "id"),
                    model: string(agent_id, "model"),
                    human_author: string(v, "human_author"),
                };
                (k.clone(), rec)
            })
            .collect()
    };
    let humans = map("humans")?
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let rec = HumanRecord {
                author: string(v, "author"),
            };
            (k.clone(), rec)
        })
        .collect();
    Ok(Metadata {
        base_commit_sha: string(&value, "base_commit_sha"),
        git_ai_version: string(&value, "git_ai_version"),
        sessions: agents(map("sessions")?),
        prompts: agents(map("prompts")?),
        humans,
    })
}

/// The note line of the first `"key":` in the JSON text (approximate: a string value that
/// contains the same text would match first), or `first_line`.
fn key_line(json: &str, first_line: usize, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    json.lines()
        .position(|l| {
            l.match_indices(&quoted)
                .any(|(at, q)| l[at + q.len()..].trim_start().starts_with(':'))
        })
        .map_or(first_line, |idx| first_line + idx)
}

// ---------------------------------------------------------------------------------------------
// Agent Trace
// ---------------------------------------------------------------------------------------------

/// An Agent Trace record (v0.1.0). Only the fields attribution needs are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceRecord {
    /// 1-based line of the JSON Lines input the record came from.
    pub line: usize,
    /// `version`: the spec version (`0.1.0`).
    pub version: String,
    /// `id`: the record's UUID.
    pub id: String,
    /// `timestamp`: RFC 3339, as written.
    pub timestamp: String,
    /// `vcs`: the revision the line numbers refer to. `None` when missing or malformed.
    pub vcs: Option<TraceVcs>,
    /// `tool`: what produced the record. `None` when missing or malformed.
    pub tool: Option<TraceTool>,
    /// `files`.
    pub files: Vec<TraceFile>,
}

/// `vcs` of a trace record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceVcs {
    /// `type`: `git`, `jj`, `hg`, `svn`.
    pub kind: String,
    /// `revision`: for git, the commit id.
    pub revision: String,
}

/// `tool` of a trace record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceTool {
    /// `name` (`cursor`, `claude-code`, …).
    pub name: String,
    /// `version`, when present.
    pub version: Option<String>,
}

/// One entry of `files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceFile {
    /// `path`: repository-relative.
    pub path: String,
    /// `conversations`.
    pub conversations: Vec<TraceConversation>,
}

/// One entry of `conversations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceConversation {
    /// `url`, when present.
    pub url: Option<String>,
    /// `contributor`: who wrote the ranges, unless a range says otherwise.
    pub contributor: Option<Contributor>,
    /// `ranges`, without the malformed ones.
    pub ranges: Vec<TraceRange>,
}

/// One entry of `ranges`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceRange {
    /// `start_line`..=`end_line`, 1-based.
    pub lines: LineRange,
    /// `content_hash`, when present.
    pub content_hash: Option<String>,
    /// `contributor`: overrides the conversation's for this range.
    pub contributor: Option<Contributor>,
}

/// A `contributor` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributor {
    /// `type`.
    pub kind: ContributorKind,
    /// `model_id` (`anthropic/claude-opus-4-5-20251101`), when present.
    pub model_id: Option<String>,
}

/// `contributor.type` of Agent Trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContributorKind {
    /// `human`.
    Human,
    /// `ai`.
    Ai,
    /// `mixed`: a person and an agent together.
    Mixed,
    /// `unknown`, or a type this parser does not know.
    Unknown,
}

/// A problem found while reading Agent Trace input. The offending line, or the offending part
/// of a record, is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributionProblem {
    /// 1-based line of the JSON Lines input.
    pub line: usize,
    /// What is wrong, naming the field (`files[0].conversations[1].ranges[2]: …`).
    pub message: String,
}

/// What Agent Trace records say about one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceAttribution {
    /// [`Actor::Agent`] for `ai` and `mixed`, [`Actor::Human`] for `human`, [`Actor::Unknown`]
    /// for `unknown` or no contributor.
    pub actor: Actor,
    /// The contributor type (`None` when neither the range nor the conversation names one).
    pub contributor: Option<ContributorKind>,
    /// The contributor's `model_id`, when present.
    pub model_id: Option<String>,
    /// The record's `tool.name`, when present.
    pub tool: Option<String>,
    /// The `id` of the record that decided.
    pub record_id: String,
    /// The input line of the record that decided.
    pub record_line: usize,
}

impl TraceAttribution {
    /// The agent name for reports: the model id, else the tool name. `None` unless the actor is
    /// an agent.
    pub fn agent(&self) -> Option<&str> {
        if self.actor != Actor::Agent {
            return None;
        }
        self.model_id.as_deref().or(self.tool.as_deref())
    }

    /// As an [`idgate_core::LineAttribution`] with source `agent-trace`.
    pub fn to_line_attribution(&self, commit: Option<&str>) -> LineAttribution {
        LineAttribution {
            actor: self.actor,
            agent: self.agent().map(str::to_string),
            source: SOURCE_AGENT_TRACE.to_string(),
            commit: commit.map(str::to_string),
        }
    }
}

/// Parse Agent Trace JSON Lines, one Trace Record per line.
///
/// Never fails: a line that is not a JSON object or lacks a required field (`version`, `id`,
/// `timestamp`, `files`) is reported and skipped; so is a malformed file, conversation or range
/// (`start_line` of 0 or after `end_line`) inside an otherwise good record. Blank lines are
/// skipped silently; unknown fields are ignored; a malformed `vcs` or `tool` is reported and
/// left out (a record without `vcs` never matches a revision).
pub fn parse_agent_trace(jsonl: &str) -> (Vec<TraceRecord>, Vec<AttributionProblem>) {
    let jsonl = jsonl.strip_prefix('\u{feff}').unwrap_or(jsonl);
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (idx, raw) in jsonl.lines().enumerate() {
        let line = idx + 1;
        let text = raw.trim();
        if text.is_empty() {
            continue;
        }
        let mut problem = |message: String| problems.push(AttributionProblem { line, message });
        match serde_json::from_str::<Value>(text) {
            Ok(value) => {
                if let Some(rec) = parse_record(&value, line, &mut problem) {
                    records.push(rec);
                }
            }
            Err(e) => problem(format!("not JSON: {e}")),
        }
    }
    (records, problems)
}

fn parse_record(
    value: &Value,
    line: usize,
    problem: &mut dyn FnMut(String),
) -> Option<TraceRecord> {
    let Some(obj) = value.as_object() else {
        problem("not a JSON object".into());
        return None;
    };
    let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
    let (version, id, timestamp) = (text("version"), text("id"), text("timestamp"));
    let files = obj.get("files").and_then(Value::as_array);
    let missing: Vec<&str> = [
        ("version", version.is_none()),
        ("id", id.is_none()),
        ("timestamp", timestamp.is_none()),
        ("files", files.is_none()),
    ]
    .into_iter()
    .filter_map(|(k, m)| m.then_some(k))
    .collect();
    let (Some(version), Some(id), Some(timestamp), Some(files)) = (version, id, timestamp, files)
    else {
        problem(format!(
            "record skipped: missing or mistyped required field(s): {}",
            missing.join(", ")
        ));
        return None;
    };

    let vcs = match obj.get("vcs") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let kind = v.get("type").and_then(Value::as_str);
            let revision = v.get("revision").and_then(Value::as_str);
            match (kind, revision) {
                (Some(kind), Some(revision)) => Some(TraceVcs {
                    kind: kind.to_string(),
                    revision: revision.to_string(),
                }),
                _ => {
                    problem("vcs: needs string `type` and `revision`; ignored".into());
                    None
                }
            }
        }
    };
    let tool = match obj.get("tool") {
        None | Some(Value::Null) => None,
        Some(v) => match v.get("name").and_then(Value::as_str) {
            Some(name) => Some(TraceTool {
                name: name.to_string(),
                version: v.get("version").and_then(Value::as_str).map(str::to_string),
            }),
            None => {
                problem("tool: needs a string `name`; ignored".into());
                None
            }
        },
    };

    let mut out_files = Vec::new();
    for (fi, file) in files.iter().enumerate() {
        let at = format!("files[{fi}]");
        let Some(path) = file.get("path").and_then(Value::as_str) else {
            problem(format!("{at}: no string `path`; skipped"));
            continue;
        };
        let Some(conversations) = file.get("conversations").and_then(Value::as_array) else {
            problem(format!("{at}: no `conversations` array; skipped"));
            continue;
        };
        let mut out_convs = Vec::new();
        for (ci, conv) in conversations.iter().enumerate() {
            let at = format!("{at}.conversations[{ci}]");
            if !conv.is_object() {
                problem(format!("{at}: not an object; skipped"));
                continue;
            }
            let Some(ranges) = conv.get("ranges").and_then(Value::as_array) else {
                problem(format!("{at}: no `ranges` array; skipped"));
                continue;
            };
            let contributor = parse_contributor(conv.get("contributor"), &at, problem);
            let mut out_ranges = Vec::new();
            for (ri, range) in ranges.iter().enumerate() {
                let at = format!("{at}.ranges[{ri}]");
                if let Some(r) = parse_range(range, &at, problem) {
                    out_ranges.push(r);
                }
            }
            out_convs.push(TraceConversation {
                url: conv.get("url").and_then(Value::as_str).map(str::to_string),
                contributor,
                ranges: out_ranges,
            });
        }
        out_files.push(TraceFile {
            path: path.to_string(),
            conversations: out_convs,
        });
    }

    Some(TraceRecord {
        line,
        version,
        id,
        timestamp,
        vcs,
        tool,
        files: out_files,
    })
}

fn parse_range(range: &Value, at: &str, problem: &mut dyn FnMut(String)) -> Option<TraceRange> {
    let bound = |key: &str| -> Result<u32, String> {
        match range.get(key) {
            None => Err(format!("{at}: no `{key}`; skipped")),
            Some(v) => match v.as_u64() {
                Some(0) => Err(format!("{at}: `{key}` is 0 (lines start at 1); skipped")),
                Some(n) => u32::try_from(n).map_err(|_| format!("{at}: `{key}` {n} is too large")),
                None => Err(format!("{at}: `{key}` is not a positive integer: {v}")),
            },
        }
    };
    let (start, end) = match (bound("start_line"), bound("end_line")) {
        (Ok(s), Ok(e)) => (s, e),
        (Err(m), _) | (_, Err(m)) => {
            problem(m);
            return None;
        }
    };
    if start > end {
        problem(format!(
            "{at}: start_line {start} is after end_line {end}; skipped"
        ));
        return None;
    }
    Some(TraceRange {
        lines: LineRange { start, end },
        content_hash: range
            .get("content_hash")
            .and_then(Value::as_str)
            .map(str::to_string),
        contributor: parse_contributor(range.get("contributor"), at, problem),
    })
}

fn parse_contributor(
    value: Option<&Value>,
    at: &str,
    problem: &mut dyn FnMut(String),
) -> Option<Contributor> {
    let value = value.filter(|v| !v.is_null())?;
    let Some(kind) = value.get("type").and_then(Value::as_str) else {
        problem(format!("{at}.contributor: no string `type`; ignored"));
        return None;
    };
    let kind = match kind {
        "human" => ContributorKind::Human,
        "ai" => ContributorKind::Ai,
        "mixed" => ContributorKind::Mixed,
        "unknown" => ContributorKind::Unknown,
        other => {
            problem(format!(
                "{at}.contributor: unknown type '{other}', read as unknown"
            ));
            ContributorKind::Unknown
        }
    };
    Some(Contributor {
        kind,
        model_id: value
            .get("model_id")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// Who wrote `line` (1-based) of `path` at git commit `revision`, by the Agent Trace records.
///
/// Only records whose `vcs.type` is `git` and whose `vcs.revision` names `revision` count
/// (case-insensitive; a hex prefix of at least 7 digits on either side is accepted, but whether
/// it is unique in the repository is not checked here). A range's contributor overrides its
/// conversation's. When several ranges cover the line, the last one in input order wins, so a
/// later record overrides an earlier one (input order, not `timestamp`). `None` when no matching
/// record covers the line.
pub fn attribute_trace(
    records: &[TraceRecord],
    revision: &str,
    path: &str,
    line: u32,
) -> Option<TraceAttribution> {
    if line == 0 {
        return None;
    }
    let path = normalise_path(path);
    let mut found = None;
    for rec in records {
        let Some(vcs) = &rec.vcs else { continue };
        if !vcs.kind.eq_ignore_ascii_case("git") || !revision_matches(&vcs.revision, revision) {
            continue;
        }
        for file in rec.files.iter().filter(|f| normalise_path(&f.path) == path) {
            for conv in &file.conversations {
                for range in conv.ranges.iter().filter(|r| r.lines.contains(line)) {
                    let contributor = range.contributor.as_ref().or(conv.contributor.as_ref());
                    let kind = contributor.map(|c| c.kind);
                    found = Some(TraceAttribution {
                        actor: match kind {
                            Some(ContributorKind::Ai | ContributorKind::Mixed) => Actor::Agent,
                            Some(ContributorKind::Human) => Actor::Human,
                            Some(ContributorKind::Unknown) | None => Actor::Unknown,
                        },
                        contributor: kind,
                        model_id: contributor.and_then(|c| c.model_id.clone()),
                        tool: rec.tool.as_ref().map(|t| t.name.clone()),
                        record_id: rec.id.clone(),
                        record_line: rec.line,
                    });
                }
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Both
// ---------------------------------------------------------------------------------------------

/// Who wrote `line` (1-based) of `path` in `commit`, from the commit's git-ai note and the
/// Agent Trace records.
///
/// The first of these wins: an agent per git-ai, an agent per Agent Trace, a human per git-ai, a
/// human per Agent Trace, an explicit unknown per git-ai or Agent Trace. So git-ai is asked
/// first, but an `agent` from either source beats a `human` from the other (see the module's
/// trust notes: a `human` from these sources is informational only). When neither covers the
/// line the answer is [`Actor::Unknown`] with source `none`. `commit` is always set to `commit`.
/// The note's `base_commit_sha` is not checked here; see [`GitAiNote::base_matches`].
pub fn attribute_line(
    commit: &str,
    path: &str,
    line: u32,
    git_ai: Option<&GitAiNote>,
    traces: &[TraceRecord],
) -> LineAttribution {
    let note = git_ai.and_then(|n| n.attribute(path, line));
    let trace = attribute_trace(traces, commit, path, line);
    for actor in [Actor::Agent, Actor::Human, Actor::Unknown] {
        if let Some(a) = note.as_ref().filter(|a| a.actor == actor) {
            return a.to_line_attribution(Some(commit));
        }
        if let Some(t) = trace.as_ref().filter(|t| t.actor == actor) {
            return t.to_line_attribution(Some(commit));
        }
    }
    LineAttribution {
        actor: Actor::Unknown,
        agent: None,
        source: SOURCE_NONE.to_string(),
        commit: Some(commit.to_string()),
    }
}

fn normalise_path(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p
}

/// Whether two commit ids name the same commit: equal (case-insensitive), or one is a hex prefix
/// of at least 7 digits of the other.
fn revision_matches(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let hex = |s: &str| s.bytes().all(|c| c.is_ascii_hexdigit());
    if !hex(a) || !hex(b) {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 7 && long[..short.len()].eq_ignore_ascii_case(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "7734793b756b3921c88db5375a8c156e9532447b";

    /// A note as git-ai writes it today: session keys, a known human, legacy prompt keys (16 and
    /// 7 hex), a quoted path with a space, keys missing from the metadata, an unknown key format
    /// and unknown metadata fields.
    const NOTE: &str = r#"src/auth/session.rs
  s_1a2b3c4d5e6f70::t_0f1e2d3c4b5a69 1-12,20-24
  h_9f8e7d6c5b4a30 13-19
  d9978a8723e02b52 30,32-33
"src/auth/login handler.py"
  s_1a2b3c4d5e6f70::t_aaaaaaaaaaaaaa 1-5
  abc1234 7
  s_ffffffffffffff::t_bbbbbbbbbbbbbb 9
src/legacy.rs
  e5be5f8723e02b52 1-3
  h_00000000000000 10
  x_future 20
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.1.4",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {
    "d9978a8723e02b52": {
      "agent_id": {"tool": "cursor", "id": "6ef2299e-a67f-432b-aa80-3d2fb4d28999", "model": "gpt-5"},
      "human_author": "Dev <dev@example.com>",
      "messages_url": "https://example.invalid/m/1",
      "total_additions": 3, "total_deletions": 0, "accepted_lines": 3, "overriden_lines": 0
    },
    "abc1234": {"agent_id": {"tool": "codex", "id": "c-1", "model": "gpt-5-codex"}}
  },
  "sessions": {
    "s_1a2b3c4d5e6f70": {
      "agent_id": {"tool": "claude", "id": "conv-1", "model": "claude-opus-4-5"},
      "human_author": "Ann <ann@example.com>",
      "custom_attributes": {"team": "auth"}
    }
  },
  "humans": {"h_9f8e7d6c5b4a30": {"author": "Ann <ann@example.com>"}},
  "x_vendor_extension": [1, 2, 3]
}
"#;

    const META: &str =
        r#"{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {}}"#;

    fn note() -> GitAiNote {
        parse_git_ai_note(NOTE).unwrap()
    }

    fn err(text: &str) -> AttributionError {
        match parse_git_ai_note(text) {
            Ok(n) => panic!("expected an error, parsed {n:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_structure_and_metadata() {
        let n = note();
        assert_eq!(n.base_commit_sha.as_deref(), Some(BASE));
        assert_eq!(n.git_ai_version.as_deref(), Some("1.1.4"));
        let paths: Vec<&str> = n.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "src/auth/session.rs",
                "src/auth/login handler.py",
                "src/legacy.rs"
            ]
        );
        assert_eq!(n.files[1].line, 5);
        let e = &n.files[0].entries[0];
        assert_eq!(e.kind, KeyKind::Session);
        assert_eq!(e.metadata_key(), "s_1a2b3c4d5e6f70");
        assert_eq!(e.line, 2);
        assert_eq!(
            e.ranges,
            [
                LineRange { start: 1, end: 12 },
                LineRange { start: 20, end: 24 }
            ]
        );
        let kinds: Vec<KeyKind> = n.files[2].entries.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [KeyKind::Prompt, KeyKind::Human, KeyKind::Unrecognised]
        );
        assert_eq!(
            n.files[1].entries[1].kind,
            KeyKind::Prompt,
            "7-hex legacy key"
        );
        assert_eq!(
            n.sessions["s_1a2b3c4d5e6f70"].tool.as_deref(),
            Some("claude")
        );
        assert_eq!(
            n.humans["h_9f8e7d6c5b4a30"].author.as_deref(),
            Some("Ann <ann@example.com>")
        );
        assert_eq!(n.base_matches(BASE), Some(true));
        assert_eq!(n.base_matches("7734793"), Some(true));
        assert_eq!(n.base_matches(&BASE.to_uppercase()), Some(true));
        assert_eq!(n.base_matches("773479"), Some(false), "too short a prefix");
        assert_eq!(
            n.base_matches("1111111111111111111111111111111111111111"),
            Some(false)
        );
    }

    #[test]
    fn attributes_session_human_and_prompt_keys() {
        let n = note();
        let a = n.attribute("src/auth/session.rs", 1).unwrap();
        assert_eq!(a.actor, Actor::Agent);
        assert_eq!(a.kind, KeyKind::Session);
        assert_eq!(a.agent(), Some("claude"));
        assert_eq!(a.model.as_deref(), Some("claude-opus-4-5"));
        assert_eq!(a.human.as_deref(), Some("Ann <ann@example.com>"));
        assert!(a.known);
        assert_eq!(
            n.attribute("src/auth/session.rs", 24).unwrap().actor,
            Actor::Agent
        );

        let h = n.attribute("src/auth/session.rs", 13).unwrap();
        assert_eq!(h.actor, Actor::Human);
        assert_eq!(h.agent(), None);
        assert_eq!(h.human.as_deref(), Some("Ann <ann@example.com>"));

        let p = n.attribute("src/auth/session.rs", 32).unwrap();
        assert_eq!((p.actor, p.agent()), (Actor::Agent, Some("cursor")));
        assert_eq!(p.human.as_deref(), Some("Dev <dev@example.com>"));

        // Lines without an entry are unknown, not human.
        for line in [0, 25, 31, 34, 10_000] {
            assert_eq!(
                n.attribute("src/auth/session.rs", line),
                None,
                "line {line}"
            );
        }
        assert_eq!(n.attribute("src/auth/other.rs", 1), None);
        assert_eq!(
            n.attribute("./src/auth/session.rs", 1).unwrap().actor,
            Actor::Agent
        );
    }

    #[test]
    fn quoted_path_legacy_short_key_and_keys_missing_from_metadata() {
        let n = note();
        let q = n.attribute("src/auth/login handler.py", 3).unwrap();
        assert_eq!(q.agent(), Some("claude"));
        let legacy = n.attribute("src/auth/login handler.py", 7).unwrap();
        assert_eq!(legacy.agent(), Some("codex"));
        assert_eq!(legacy.model.as_deref(), Some("gpt-5-codex"));

        // A session key the metadata does not list: still AI, agent unknown.
        let s = n.attribute("src/auth/login handler.py", 9).unwrap();
        assert_eq!((s.actor, s.agent(), s.known), (Actor::Agent, None, false));
        // A prompt key the metadata does not list: still AI.
        let p = n.attribute("src/legacy.rs", 2).unwrap();
        assert_eq!(
            (p.actor, p.kind, p.known),
            (Actor::Agent, KeyKind::Prompt, false)
        );
        // A human key the metadata does not list: still human.
        let h = n.attribute("src/legacy.rs", 10).unwrap();
        assert_eq!((h.actor, h.known), (Actor::Human, false));
        // A key of no known format: unknown.
        let x = n.attribute("src/legacy.rs", 20).unwrap();
        assert_eq!((x.actor, x.kind), (Actor::Unknown, KeyKind::Unrecognised));
        let la = x.to_line_attribution(Some("c1"));
        assert_eq!(la.source, "git-ai");
        assert_eq!(la.agent, None);
    }

    #[test]
    fn lenient_layout_parses_the_same() {
        let mut messy = String::from("\u{feff}\n\n");
        for line in NOTE.lines() {
            messy.push_str(line);
            if line.starts_with("  ") || line.starts_with("src/") {
                messy.push_str(" \t");
            }
            messy.push_str("\r\n");
            if line.starts_with("src/") {
                messy.push_str("   \r\n\r\n");
            }
        }
        messy = messy.replacen("---\r\n", "--- \r\n", 1);
        let a = note();
        let b = parse_git_ai_note(&messy).unwrap();
        let strip = |n: &GitAiNote| -> Vec<String> {
            n.files
                .iter()
                .flat_map(|f| {
                    f.entries
                        .iter()
                        .map(move |e| format!("{} {} {:?}", f.path, e.key, e.ranges))
                })
                .collect()
        };
        assert_eq!(strip(&a), strip(&b));
        assert_eq!(a.sessions, b.sessions);
        assert_eq!(a.prompts, b.prompts);
        assert_eq!(a.humans, b.humans);
    }

    #[test]
    fn mixed_formats_overlaps_and_duplicate_paths() {
        let text = format!(
            "a.rs\n  h_01 1-10\n  0123456789abcdef 5\nb.rs\n  1234567 1\na.rs\n  x_y 8\n  h_02 9\n---\n{META}"
        );
        let n = parse_git_ai_note(&text).unwrap();
        // AI beats human whatever the order.
        assert_eq!(n.attribute("a.rs", 5).unwrap().actor, Actor::Agent);
        // Human beats an unrecognised key.
        assert_eq!(n.attribute("a.rs", 8).unwrap().actor, Actor::Human);
        // Among equals the later entry wins (the second `a.rs` block).
        assert_eq!(n.attribute("a.rs", 9).unwrap().key, "h_02");
        assert_eq!(n.attribute("b.rs", 1).unwrap().kind, KeyKind::Prompt);
        // An empty note (no attestations) is valid.
        let empty = parse_git_ai_note(&format!("---\n{META}\n")).unwrap();
        assert!(empty.files.is_empty());
        assert_eq!(empty.base_commit_sha.as_deref(), Some("abc"));
        // Missing maps are empty, `null` too.
        let bare = r#"{"schema_version":"authorship/3.0.0","prompts":null}"#;
        let n = parse_git_ai_note(&format!("a.rs\n  0123456789abcdef 1\n---\n{bare}")).unwrap();
        assert_eq!(n.base_commit_sha, None);
        assert_eq!(n.attribute("a.rs", 1).unwrap().actor, Actor::Agent);
        assert_eq!(n.base_matches("abc1234"), None);
        // A key of no known format that `prompts` lists is a prompt key.
        let listed = r#"{"schema_version":"authorship/3.0.0","prompts":{"xyzAbc":{"agent_id":{"tool":"amp"}}}}"#;
        let n = parse_git_ai_note(&format!("a.rs\n  xyzAbc 1\n---\n{listed}")).unwrap();
        let a = n.attribute("a.rs", 1).unwrap();
        assert_eq!((a.kind, a.agent()), (KeyKind::Prompt, Some("amp")));
    }

    #[test]
    fn quoted_paths_with_escapes() {
        let text = format!(
            "{}\n  h_1 1\n{}\n  h_2 1\n{}\n  h_3 1\n{}\n  h_4 1\n{}\n  h_5 1\n---\n{META}",
            r#""dir/tab\there.rs""#,
            r#""caf\303\251 x.rs""#,
            r#""a\\b c.rs""#,
            r#""q\"uote d.rs""#,
            r#""odd\q \777 name.rs""#,
        );
        let n = parse_git_ai_note(&text).unwrap();
        let paths: Vec<&str> = n.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "dir/tab\there.rs",
                "café x.rs",
                "a\\b c.rs",
                "q\"uote d.rs",
                "odd\\q \\777 name.rs"
            ]
        );
        assert_eq!(n.attribute("café x.rs", 1).unwrap().key, "h_2");
    }

    #[test]
    fn range_errors_carry_the_line() {
        for (ranges, why) in [
            ("5-3", "ends before it starts"),
            ("0", "start at 1"),
            ("0-4", "start at 1"),
            ("abc", "not a line number"),
            ("1,,2", "missing"),
            ("1,2,", "missing"),
            ("1-", "missing"),
            ("-1", "missing"),
            ("+5", "not a line number"),
            ("1-2-3", "not a line number"),
            ("1;2", "not a line number"),
            ("1, 2", "not a line number"),
            ("4294967296", "too large"),
        ] {
            let text = format!("src/a.rs\n  h_1 1-3\n\n  h_2 {ranges}\n---\n{META}");
            let e = err(&text);
            assert_eq!(e.line(), 4, "{ranges}: {e}");
            match &e {
                AttributionError::BadRange {
                    ranges: r, reason, ..
                } => {
                    assert_eq!(r, ranges);
                    assert!(reason.contains(why), "{ranges}: {reason}");
                }
                other => panic!("{ranges}: {other:?}"),
            }
            assert!(e.to_string().contains("line 4"), "{e}");
        }
        // The largest line number is fine.
        let ok = format!("a.rs\n  h_1 4294967295\n---\n{META}");
        assert!(parse_git_ai_note(&ok).is_ok());
    }

    #[test]
    fn structural_errors_carry_the_line() {
        // No divider: the line where the JSON starts.
        let e = err(&format!("src/a.rs\n  h_1 1\n{META}\n"));
        assert_eq!(e, AttributionError::MissingDivider { line: 3 });
        // No divider and no JSON: the line after the end.
        assert_eq!(err("src/a.rs\n  h_1 1\n").line(), 3);
        assert_eq!(err("").line(), 1);
        // `---` with leading whitespace is not a divider.
        assert!(matches!(
            err(&format!("a.rs\n  h_1 1\n ---\n{META}")),
            AttributionError::MissingDivider { line: 4 }
        ));
        // Entry before any path.
        let e = err(&format!("\n  h_1 1\n---\n{META}"));
        assert!(
            matches!(e, AttributionError::BadEntry { line: 2, .. }),
            "{e:?}"
        );
        // Entry without ranges.
        let e = err(&format!("a.rs\n  h_1\n---\n{META}"));
        assert!(
            matches!(e, AttributionError::BadEntry { line: 2, .. }),
            "{e:?}"
        );
        // Broken quoted paths.
        for bad in ["\"a b.rs", "\"", "\"\"", "\"a b.rs\" junk"] {
            let e = err(&format!("x.rs\n  h_1 1\n{bad}\n  h_1 1\n---\n{META}"));
            assert!(
                matches!(e, AttributionError::BadPath { line: 3, .. }),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn metadata_errors_carry_the_line() {
        let head = "src/a.rs\n  h_1 1\n---\n";
        // Invalid JSON: the line of the note where the parser stopped.
        let e = err(&format!(
            "{head}{{\n  \"schema_version\": \"authorship/3.0.0\",\n  \"prompts\": {{,}}\n}}\n"
        ));
        assert!(
            matches!(
                e,
                AttributionError::InvalidJson {
                    line: 6,
                    column: 15,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(!e.to_string().contains("at line 3"), "{e}");
        // Nothing after the divider.
        assert!(matches!(
            err(head),
            AttributionError::InvalidJson { line: 4, .. }
        ));
        // Trailing garbage after the object.
        let e = err(&format!("{head}{META}\n\nmore\n"));
        assert!(
            matches!(e, AttributionError::InvalidJson { line: 6, .. }),
            "{e:?}"
        );
        // Wrong schema version: its line.
        let e = err(&format!(
            "{head}{{\n  \"prompts\": {{}},\n  \"schema_version\": \"authorship/2.0.0\"\n}}"
        ));
        assert_eq!(
            e,
            AttributionError::SchemaVersion {
                line: 6,
                found: Some("\"authorship/2.0.0\"".into())
            }
        );
        // Missing schema version: the first metadata line.
        let e = err(&format!("{head}{{\"prompts\": {{}}}}"));
        assert_eq!(
            e,
            AttributionError::SchemaVersion {
                line: 4,
                found: None
            }
        );
        assert!(e.to_string().contains("no schema_version"));
        // Not a string.
        let e = err(&format!("{head}\n{{\"schema_version\": 3}}"));
        assert_eq!(
            e,
            AttributionError::SchemaVersion {
                line: 5,
                found: Some("3".into())
            }
        );
        // Valid JSON of the wrong shape.
        let e = err(&format!("{head}[]"));
        assert!(
            matches!(e, AttributionError::InvalidMetadata { line: 4, .. }),
            "{e:?}"
        );
        let e = err(&format!(
            "{head}{{\"schema_version\": \"authorship/3.0.0\",\n\"sessions\": 5}}"
        ));
        assert!(
            matches!(e, AttributionError::InvalidMetadata { line: 5, .. }),
            "{e:?}"
        );
        // Errors come in line order: a bad range before bad JSON is reported first.
        let e = err("a.rs\n  h_1 3-1\n---\n{oops");
        assert!(
            matches!(e, AttributionError::BadRange { line: 2, .. }),
            "{e:?}"
        );
        // CRLF does not shift line numbers.
        let crlf = format!("{head}{{\r\n\"prompts\": {{}},\r\n\"schema_version\": \"x\"}}")
            .replace("\n  h", "\r\n  h");
        assert_eq!(err(&crlf).line(), 6);
    }

    const REV: &str = "0123456789abcdef0123456789abcdef01234567";
    const OTHER: &str = "fedcba9876543210fedcba9876543210fedcba98";

    fn trace_text() -> String {
        let rec = |id: &str, vcs: &str, extra: &str, files: &str| {
            format!(
                r#"{{"version":"0.1.0","id":"{id}","timestamp":"2026-01-10T10:00:00Z",{vcs}{extra}"files":{files}}}"#
            )
        };
        let git = |rev: &str| format!(r#""vcs":{{"type":"git","revision":"{rev}"}},"#);
        [
            // 1: ai for 1-10, a per-range human override for 20-30.
            rec(
                "r1",
                &git(REV),
                r#""tool":{"name":"cursor","version":"2.4"},"#,
                r#"[{"path":"src/auth.ts","conversations":[{"url":"https://x.invalid/c/1","contributor":{"type":"ai","model_id":"anthropic/claude-opus-4-5-20251101"},"ranges":[{"start_line":1,"end_line":10,"content_hash":"murmur3:9f2e8a1b"},{"start_line":20,"end_line":30,"contributor":{"type":"human"}}]}]}]"#,
            ),
            // 2: blank.
            String::new(),
            // 3: not JSON.
            "{not json".into(),
            // 4: later record for the same revision: mixed 5-6 overrides, a bad range, a
            // conversation without contributor, an explicit unknown; extra fields.
            rec(
                "r2",
                &git(REV),
                r#""metadata":{"dev.cursor":{"confidence":0.9}},"x_extra":true,"#,
                r#"[{"path":"./src/auth.ts","conversations":[{"contributor":{"type":"mixed","model_id":"openai/gpt-5"},"ranges":[{"start_line":5,"end_line":6},{"start_line":9,"end_line":3}]},{"ranges":[{"start_line":40,"end_line":41}]},{"contributor":{"type":"unknown"},"ranges":[{"start_line":8,"end_line":8}]}]}]"#,
            ),
            // 5: another revision: ignored.
            rec(
                "r3",
                &git(OTHER),
                "",
                r#"[{"path":"src/auth.ts","conversations":[{"contributor":{"type":"ai","model_id":"m"},"ranges":[{"start_line":1,"end_line":100}]}]}]"#,
            ),
            // 6: a short revision of REV, tool name only.
            rec(
                "r4",
                &git("0123456"),
                r#""tool":{"name":"claude-code"},"#,
                r#"[{"path":"src/auth.ts","conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":50,"end_line":50}]}]}]"#,
            ),
            // 7: not git: ignored.
            rec(
                "r5",
                r#""vcs":{"type":"jj","revision":"0123456789abcdef0123456789abcdef01234567"},"#,
                "",
                r#"[{"path":"src/auth.ts","conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":60,"end_line":60}]}]}]"#,
            ),
            // 8: not an object.
            "[]".into(),
            // 9: missing required fields.
            r#"{"version":"0.1.0"}"#.into(),
            // 10: a zero start line, an unknown contributor type, a file without path.
            rec(
                "r6",
                &git(REV),
                "",
                r#"[{"path":"src/auth.ts","conversations":[{"contributor":{"type":"robot"},"ranges":[{"start_line":0,"end_line":3},{"start_line":70,"end_line":70}]}]},{"nopath":1}]"#,
            ),
            // 11: null.
            "null".into(),
            // 12: a 6-digit revision is too short to match.
            rec(
                "r7",
                &git("012345"),
                "",
                r#"[{"path":"src/auth.ts","conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":80,"end_line":80}]}]}]"#,
            ),
            // 13: malformed vcs and tool, a range that is not numeric.
            rec(
                "r8",
                r#""vcs":{"type":"git"},"#,
                r#""tool":"cursor","#,
                r#"[{"path":"src/auth.ts","conversations":[{"ranges":[{"start_line":"1","end_line":2}]}]}]"#,
            ),
        ]
        .join("\n")
    }

    #[test]
    fn trace_records_and_problems() {
        let (records, problems) = parse_agent_trace(&trace_text());
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"]);
        assert_eq!(records[1].line, 4);
        assert_eq!(
            records[0].tool.as_ref().unwrap().version.as_deref(),
            Some("2.4")
        );
        assert_eq!(
            records[0].files[0].conversations[0].ranges[0]
                .content_hash
                .as_deref(),
            Some("murmur3:9f2e8a1b")
        );
        assert_eq!(
            records[1].files[0].conversations[0].ranges.len(),
            1,
            "9-3 dropped"
        );
        assert_eq!(records[7].vcs, None);
        assert_eq!(records[7].tool, None);
        let mut lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        lines.dedup();
        assert_eq!(lines, [3, 4, 8, 9, 10, 11, 13], "{problems:#?}");
        let has = |line: usize, text: &str| {
            problems
                .iter()
                .any(|p| p.line == line && p.message.contains(text))
        };
        assert!(has(4, "ranges[1]: start_line 9 is after end_line 3"));
        assert!(has(9, "id, timestamp, files"));
        assert!(has(10, "unknown type 'robot'"));
        assert!(has(
            10,
            "files[0].conversations[0].ranges[0]: `start_line` is 0"
        ));
        assert!(has(10, "files[1]: no string `path`"));
        assert!(has(13, "vcs"));
        assert!(has(13, "tool"));
        assert!(has(13, "`start_line` is not a positive integer"));
    }

    #[test]
    fn trace_attribution_rules() {
        let (records, _) = parse_agent_trace(&trace_text());
        let at = |line: u32| attribute_trace(&records, REV, "src/auth.ts", line);

        let a = at(1).unwrap();
        assert_eq!(
            (a.actor, a.agent()),
            (Actor::Agent, Some("anthropic/claude-opus-4-5-20251101"))
        );
        assert_eq!(a.tool.as_deref(), Some("cursor"));
        assert_eq!((a.record_id.as_str(), a.record_line), ("r1", 1));
        // The later record overrides: mixed, agent-assisted.
        let m = at(5).unwrap();
        assert_eq!(
            (m.actor, m.contributor),
            (Actor::Agent, Some(ContributorKind::Mixed))
        );
        assert_eq!(
            (m.agent(), m.record_id.as_str()),
            (Some("openai/gpt-5"), "r2")
        );
        assert_eq!(at(7).unwrap().record_id, "r1");
        // ... also with an explicit unknown.
        assert_eq!(at(8).unwrap().actor, Actor::Unknown);
        // Per-range contributor overrides the conversation's.
        let h = at(25).unwrap();
        assert_eq!((h.actor, h.agent()), (Actor::Human, None));
        assert_eq!(h.to_line_attribution(Some(REV)).source, "agent-trace");
        // No contributor at all: unknown.
        assert_eq!(at(40).unwrap().contributor, None);
        assert_eq!(at(40).unwrap().actor, Actor::Unknown);
        // A short revision in the record; the tool name stands in for the model.
        assert_eq!(at(50).unwrap().agent(), Some("claude-code"));
        // Other revision, non-git vcs, too-short revision: ignored.
        for line in [15, 60, 80, 101] {
            assert_eq!(at(line), None, "line {line}");
        }
        // An unknown contributor type reads as unknown.
        assert_eq!(at(70).unwrap().actor, Actor::Unknown);
        // The other revision's record does count for its own revision.
        let o = attribute_trace(&records, OTHER, "src/auth.ts", 15).unwrap();
        assert_eq!(o.record_id, "r3");
        // A short query matches full revisions; case does not matter.
        assert_eq!(
            attribute_trace(&records, "0123456", "src/auth.ts", 1)
                .unwrap()
                .record_id,
            "r1"
        );
        assert_eq!(
            attribute_trace(&records, &REV.to_uppercase(), "./src/auth.ts", 5)
                .unwrap()
                .record_id,
            "r2"
        );
        assert_eq!(attribute_trace(&records, REV, "src/other.ts", 1), None);
        assert_eq!(attribute_trace(&records, REV, "src/auth.ts", 0), None);
        // CRLF input reads the same.
        let (crlf, _) = parse_agent_trace(&trace_text().replace('\n', "\r\n"));
        assert_eq!(crlf, records);
    }

    #[test]
    fn combined_attribution() {
        let n = note();
        let trace = format!(
            "{}\n{}",
            format_args!(
                r#"{{"version":"0.1.0","id":"t1","timestamp":"2026-01-10T10:00:00Z","vcs":{{"type":"git","revision":"{BASE}"}},"tool":{{"name":"cursor"}},"files":[{{"path":"src/auth/session.rs","conversations":[{{"contributor":{{"type":"ai","model_id":"m1"}},"ranges":[{{"start_line":13,"end_line":13}},{{"start_line":1,"end_line":1}}]}},{{"contributor":{{"type":"human"}},"ranges":[{{"start_line":19,"end_line":30}}]}}]}}]}}"#
            ),
            format_args!(
                r#"{{"version":"0.1.0","id":"t2","timestamp":"2026-01-10T10:00:00Z","vcs":{{"type":"git","revision":"{BASE}"}},"files":[{{"path":"src/legacy.rs","conversations":[{{"contributor":{{"type":"unknown"}},"ranges":[{{"start_line":20,"end_line":21}}]}}]}}]}}"#
            ),
        );
        let (traces, problems) = parse_agent_trace(&trace);
        assert!(problems.is_empty(), "{problems:?}");
        let at = |path: &str, line: u32, note: Option<&GitAiNote>| {
            attribute_line(BASE, path, line, note, &traces)
        };
        // git-ai first.
        let a = at("src/auth/session.rs", 1, Some(&n));
        assert_eq!(
            a,
            LineAttribution {
                actor: Actor::Agent,
                agent: Some("claude".into()),
                source: "git-ai".into(),
                commit: Some(BASE.into()),
            }
        );
        // A git-ai human loses to an Agent Trace agent.
        let b = at("src/auth/session.rs", 13, Some(&n));
        assert_eq!((b.actor, b.source.as_str()), (Actor::Agent, "agent-trace"));
        assert_eq!(b.agent.as_deref(), Some("m1"));
        // Both say human: git-ai's.
        let c = at("src/auth/session.rs", 19, Some(&n));
        assert_eq!((c.actor, c.source.as_str()), (Actor::Human, "git-ai"));
        // Only Agent Trace covers it.
        let d = at("src/auth/session.rs", 25, Some(&n));
        assert_eq!((d.actor, d.source.as_str()), (Actor::Human, "agent-trace"));
        // Only Agent Trace agent, no note.
        let e = at("src/auth/session.rs", 13, None);
        assert_eq!((e.actor, e.source.as_str()), (Actor::Agent, "agent-trace"));
        // An explicit unknown beats nothing; git-ai's unknown comes first.
        let f = at("src/legacy.rs", 20, Some(&n));
        assert_eq!((f.actor, f.source.as_str()), (Actor::Unknown, "git-ai"));
        let g = at("src/legacy.rs", 21, Some(&n));
        assert_eq!(
            (g.actor, g.source.as_str()),
            (Actor::Unknown, "agent-trace")
        );
        // Nothing: unknown, source none, commit still set.
        let h = at("src/auth/session.rs", 500, Some(&n));
        assert_eq!(
            h,
            LineAttribution {
                actor: Actor::Unknown,
                agent: None,
                source: "none".into(),
                commit: Some(BASE.into()),
            }
        );
        // Records for another commit do not count.
        let i = attribute_line(OTHER, "src/auth/session.rs", 13, None, &traces);
        assert_eq!(i.source, "none");
    }

    /// A small deterministic generator (64-bit LCG, Knuth's constants).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mutate(rng: &mut Lcg, input: &[u8]) -> Vec<u8> {
        const INTERESTING: &[u8] = b"-,:\" \\\n\r\t{}[]0123456789_s:h3\xff\xc3\xa9";
        let mut out = input.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(out.len() + 1);
            match rng.below(6) {
                0 if at < out.len() => out[at] = INTERESTING[rng.below(INTERESTING.len())],
                1 if at < out.len() => out[at] = rng.next() as u8,
                2 if at < out.len() => {
                    out.remove(at);
                }
                3 => out.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
                4 => out.truncate(at),
                _ => {
                    let len = rng.below(16);
                    let end = (at + len).min(out.len());
                    let chunk = out[at.min(end)..end].to_vec();
                    let to = rng.below(out.len() + 1);
                    out.splice(to..to, chunk);
                }
            }
        }
        out
    }

    #[test]
    fn mutated_inputs_never_panic() {
        let mut rng = Lcg(0x1d6a_7e5e_ed00_0001);
        let note_bytes = NOTE.as_bytes();
        let trace = trace_text();
        let paths = [
            "src/auth/session.rs",
            "src/auth/login handler.py",
            "src/legacy.rs",
            "src/auth.ts",
            "",
        ];
        let (mut ok_notes, mut ok_records) = (0, 0);
        for i in 0..2_000 {
            let bytes = mutate(&mut rng, note_bytes);
            let text = String::from_utf8_lossy(&bytes);
            let parsed = parse_git_ai_note(&text);
            if let Ok(n) = &parsed {
                ok_notes += 1;
                for path in paths {
                    for line in 0..40 {
                        let _ = n.attribute(path, line);
                        let _ = attribute_line(BASE, path, line, Some(n), &[]);
                    }
                }
                let _ = n.base_matches(BASE);
            } else if let Err(e) = &parsed {
                let _ = e.to_string();
                assert!(e.line() >= 1, "iteration {i}: {e:?}");
            }

            let bytes = mutate(&mut rng, trace.as_bytes());
            let text = String::from_utf8_lossy(&bytes);
            let (records, problems) = parse_agent_trace(&text);
            ok_records += records.len();
            assert!(problems.iter().all(|p| p.line >= 1));
            for line in [0, 1, 5, 8, 25, 40, 50, 70, u32::MAX] {
                let _ = attribute_trace(&records, REV, "src/auth.ts", line);
                let _ = attribute_line(REV, "src/auth.ts", line, None, &records);
            }
        }
        // The mutations are small enough that many inputs stay valid.
        assert!(ok_notes > 100, "{ok_notes}");
        assert!(ok_records > 2_000, "{ok_records}");
    }
}

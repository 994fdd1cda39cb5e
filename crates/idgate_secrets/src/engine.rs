//! The matcher: one Aho-Corasick pass over the whole text finds the lines that contain a keyword
//! of some pattern; only those lines, and only those patterns, are run through their regexes.
//! A file with no keyword costs one linear scan and nothing else.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Captures, Regex, RegexBuilder};

use crate::Confidence;
use crate::entropy::{entropy_floor, is_placeholder, shannon};
use crate::paths::FileClass;
use crate::pattern::{Check, Pattern, Shape, Strength};
use crate::providers::{self, generic};
use crate::validate::{self, Verdict};

/// Value prefixes of formats whose table entry has no literal prefix: a generic value starting
/// with one belongs to that format (which rejected it) and is not reported generically.
const MARKER_PREFIXES: &[&str] = &[
    "AKIA", "ASIA", "ABIA", "ACCA", "EZAK", "EZTK", "xoxa-", "xoxo-", "xoxr-", "xoxs-",
];
/// Fixed markers inside a value with the same effect.
const MARKERS: &[&str] = &[".atlasv1.", "T3BlbkFJ", "APA91b"];

/// Lines longer than this that are not `name = value` only run self-identifying formats.
const LONG_LINE: usize = 1000;

/// A set of pattern indices.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Bits([u64; 6]);

impl Bits {
    const CAPACITY: usize = 384;

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn has(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    fn or(&mut self, o: &Bits) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a |= b;
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            let mut b = bits;
            std::iter::from_fn(move || {
                if b == 0 {
                    return None;
                }
                let t = b.trailing_zeros() as usize;
                b &= b - 1;
                Some(w * 64 + t)
            })
        })
    }
}

/// A pattern whose regexes are compiled on first use: a file's keywords decide which patterns
/// can match at all, so a typical run compiles a handful of the table, not all of it (compiling
/// everything up front cost 25-33 ms per process, more than the rest of a pull-request check).
struct Compiled {
    p: &'static Pattern,
    re: OnceLock<Regex>,
    require: OnceLock<Option<Regex>>,
}

impl Compiled {
    fn re(&self) -> &Regex {
        self.re
            .get_or_init(|| compile(&regex_source(self.p), false))
    }

    fn require(&self) -> Option<&Regex> {
        self.require
            .get_or_init(|| self.p.require.map(|r| compile(r, true)))
            .as_ref()
    }
}

/// The compiled tables.
pub(crate) struct Engine {
    pats: Vec<Compiled>,
    ac: AhoCorasick,
    kw_bits: Vec<Bits>,
    multiline: Bits,
    /// Public prefixes of at least 4 characters (3 with punctuation, like `sk-`): a generic
    /// value starting with one is a provider near miss, not an unknown secret.
    prefixes: Vec<&'static str>,
}

/// One match that survived its checks, in absolute byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) pattern: &'static Pattern,
    pub(crate) kind: &'static str,
    pub(crate) validated: bool,
    pub(crate) confidence: Confidence,
    pub(crate) signals: Vec<&'static str>,
    /// 1-based line of `start`.
    pub(crate) line: u32,
    /// Byte offset where that line starts.
    pub(crate) line_start: usize,
}

/// How to run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mode {
    pub(crate) class: FileClass,
    /// Redaction: every rule, bare values allowed, no path-based skipping.
    pub(crate) redact: bool,
}

pub(crate) static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::build);

const BOUNDARY_L: &str = "(?:^|[^A-Za-z0-9_])";
const BOUNDARY_R: &str = "(?:[^A-Za-z0-9_-]|$)";

fn regex_source(p: &Pattern) -> String {
    match p.shape {
        Shape::Token { prefix, body } => {
            format!(
                "{BOUNDARY_L}(?P<s>{}{body}){BOUNDARY_R}",
                regex::escape(prefix)
            )
        }
        Shape::Assign { names, value } => format!(
            concat!(
                "(?i:{names})[A-Za-z0-9_.-]*[\"'\\]]{{0,2}}\\s*",
                "(?:=>|:=|==|=|:|,|\\s)\\s*(?:[\"'`]|\\(\\s*[\"'])?\\s*",
                "(?:(?i:bearer|token|basic)\\s+)?(?P<s>{value})(?:[^A-Za-z0-9_+/=-]|$)"
            ),
            names = names,
            value = value
        ),
        Shape::Raw(re) => re.to_string(),
    }
}

fn compile(src: &str, case_insensitive: bool) -> Regex {
    RegexBuilder::new(src)
        .unicode(false)
        .case_insensitive(case_insensitive)
        .size_limit(1 << 22)
        .build()
        .unwrap_or_else(|e| panic!("idgate_secrets: bad built-in regex {src:?}: {e}"))
}

impl Engine {
    fn build() -> Engine {
        let table: Vec<&'static Pattern> = providers::all().collect();
        assert!(
            table.len() <= Bits::CAPACITY,
            "too many patterns for the bitset"
        );
        let mut keywords: Vec<String> = Vec::new();
        let mut kw_bits: Vec<Bits> = Vec::new();
        let mut pats = Vec::with_capacity(table.len());
        let mut multiline = Bits::default();
        let mut prefixes = Vec::new();
        for (i, p) in table.iter().enumerate() {
            let mut kws: Vec<String> = p.keywords.iter().map(|k| k.to_ascii_lowercase()).collect();
            if let Shape::Token { prefix, .. } = p.shape
                && !prefix.is_empty()
            {
                if kws.is_empty() {
                    kws.push(prefix.to_ascii_lowercase());
                }
                if prefix.len() >= 4
                    || prefix.len() == 3 && !prefix.bytes().all(|c| c.is_ascii_alphanumeric())
                {
                    prefixes.push(prefix);
                }
            }
            assert!(!kws.is_empty(), "{}: no keyword", p.rule);
            for k in kws {
                let idx = match keywords.iter().position(|x| *x == k) {
                    Some(idx) => idx,
                    None => {
                        keywords.push(k);
                        kw_bits.push(Bits::default());
                        keywords.len() - 1
                    }
                };
                kw_bits[idx].set(i);
            }
            if p.multiline {
                multiline.set(i);
            }
            pats.push(Compiled {
                p,
                re: OnceLock::new(),
                require: OnceLock::new(),
            });
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keywords)
            .unwrap_or_else(|e| panic!("idgate_secrets: keyword automaton: {e}"));
        Engine {
            pats,
            ac,
            kw_bits,
            multiline,
            prefixes,
        }
    }

    /// The patterns, in table order.
    pub(crate) fn patterns(&self) -> impl Iterator<Item = &'static Pattern> + '_ {
        self.pats.iter().map(|c| c.p)
    }

    /// Every surviving match in `text`, ordered by position, overlaps resolved.
    pub(crate) fn find(
        &self,
        text: &str,
        mode: Mode,
        lines: Option<&[crate::LineRange]>,
    ) -> Vec<Hit> {
        let bytes = text.as_bytes();
        // 1. Prefilter: candidate lines and the patterns each one may match.
        let mut cands: Vec<(usize, usize, Bits)> = Vec::new();
        for m in self.ac.find_overlapping_iter(bytes) {
            let pos = m.start();
            if let Some(last) = cands.last_mut()
                && pos >= last.0
                && pos < last.1
            {
                last.2.or(&self.kw_bits[m.pattern().as_usize()]);
                continue;
            }
            let ls = bytes[..pos]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let le = bytes[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| pos + i);
            cands.push((ls, le, self.kw_bits[m.pattern().as_usize()]));
        }
        if cands.is_empty() {
            return Vec::new();
        }
        // 2. Regexes on candidate lines only.
        let mut hits = Vec::new();
        let mut vetoes: Vec<(usize, usize)> = Vec::new();
        let mut line_no = 1u32;
        let mut counted = 0usize;
        for (ls, le, set) in cands {
            line_no += bytes[counted..ls].iter().filter(|&&b| b == b'\n').count() as u32;
            counted = ls;
            let in_scope = lines.is_none_or(|r| r.iter().any(|rg| rg.contains(line_no)));
            let mut le_trim = le;
            if le_trim > ls && bytes[le_trim - 1] == b'\r' {
                le_trim -= 1;
            }
            let line = &bytes[ls..le_trim];
            let long = line.len() > LONG_LINE && !looks_assignment(line);
            for i in set.iter() {
                let c = &self.pats[i];
                let p = c.p;
                if !in_scope && !self.multiline.has(i) {
                    continue;
                }
                if !mode.redact {
                    if mode.class.distinct_only() && p.strength != Strength::Distinct {
                        continue;
                    }
                    if p.check == Check::Generic && !mode.class.runs_generic() {
                        continue;
                    }
                }
                if long && p.strength != Strength::Distinct {
                    continue;
                }
                if let Some(req) = c.require()
                    && !req.is_match(line)
                {
                    continue;
                }
                let mut at = 0;
                while at <= line.len() {
                    let Some(caps) = c.re().captures_at(line, at) else {
                        break;
                    };
                    let Some(g) = caps.name("s").or_else(|| caps.name("u")) else {
                        break;
                    };
                    let next = match self.evaluate(p, &caps, text, ls, line_no, mode) {
                        Outcome::Hit(hit) => {
                            hits.push(hit);
                            // Redaction retries just after the name too: a bare value may run into
                            // the next assignment (`creds=user:token="…"` takes `user:token=`).
                            match caps.name("k") {
                                Some(k) if mode.redact => k.end(),
                                _ => g.end(),
                            }
                        }
                        Outcome::Veto => {
                            vetoes.push((ls + g.start(), ls + g.end()));
                            g.end()
                        }
                        // The generic regex may have taken a keyword or a type as the name:
                        // retry just after the name.
                        Outcome::Miss => caps.name("k").map_or(g.end(), |k| k.end()),
                    };
                    at = next.max(caps.get(0).map_or(next, |m| m.start() + 1));
                }
            }
        }
        // 3. Generic hits on a provider near miss are dropped; overlaps go to the best hit.
        hits.retain(|h| {
            h.pattern.check != Check::Generic
                || !vetoes.iter().any(|&(s, e)| s < h.end && h.start < e)
        });
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(last) = out.last_mut()
                && h.start < last.end
            {
                if mode.redact {
                    // Redaction masks the union: dropping either hit would print part of it. The
                    // span keeps its start, so only a hit starting there may pick the prefix.
                    let end = last.end.max(h.end);
                    if h.start == last.start && better(&h, last) {
                        *last = h;
                    }
                    last.end = end;
                } else if better(&h, last) {
                    *last = h;
                }
                continue;
            }
            out.push(h);
        }
        if let Some(r) = lines {
            out.retain(|h| {
                let end_line = h.line + count_newlines(&bytes[h.start..h.end]);
                r.iter().any(|rg| rg.start <= end_line && h.line <= rg.end)
            });
        }
        out
    }

    fn evaluate(
        &self,
        p: &'static Pattern,
        caps: &Captures<'_>,
        text: &str,
        ls: usize,
        line_no: u32,
        mode: Mode,
    ) -> Outcome {
        let Some(g) = caps.name("s").or_else(|| caps.name("u")) else {
            return Outcome::Miss;
        };
        let (start, mut end) = (ls + g.start(), ls + g.end());
        let Some(secret) = text.get(start..end) else {
            return Outcome::Miss;
        };
        let body = secret
            .get(usize::from(p.prefix_len).min(secret.len())..)
            .unwrap_or("");
        let mut kind = p.kind;
        let mut confidence = p.confidence;
        let mut signals: Vec<&'static str> = Vec::new();
        match p.shape {
            Shape::Token { prefix, .. } if !prefix.is_empty() => signals.push("prefix"),
            Shape::Assign { .. } => signals.push("context-name"),
            _ => {}
        }
        let filters = !matches!(
            p.check,
            Check::Pem
                | Check::OpenSshPem
                | Check::PuttyKey
                | Check::GcpServiceAccount
                | Check::Generic
                | Check::UrlPassword
                | Check::Password
        );
        if filters {
            if is_placeholder(body) {
                return Outcome::Veto;
            }
            if shannon(body) < entropy_floor(body, p.min_entropy) {
                return Outcome::Veto;
            }
        }
        let verdict = match p.check {
            Check::None => Verdict::Plausible,
            Check::Crc32Base62 => validate::crc32_base62(secret, usize::from(p.prefix_len)),
            Check::Jwt => validate::jwt(secret),
            Check::PypiMacaroon => validate::pypi_macaroon(body),
            Check::Pem | Check::OpenSshPem => {
                let magic = (p.check == Check::OpenSshPem).then_some("b3BlbnNzaC1rZXktdjE");
                let (v, e) = validate::pem_block(text, end, magic);
                end = e.max(end);
                v
            }
            Check::GcpServiceAccount => {
                // After the `-----BEGIN … KEY-----` marker at the start of the value.
                let marker_end = secret[5..]
                    .find("-----")
                    .map_or(secret.len(), |j| 5 + j + 5);
                let (v, _) = validate::pem_block(secret, marker_end, None);
                let is_sa =
                    text.contains("service_account") || text.contains(".iam.gserviceaccount.com");
                match v {
                    Verdict::Valid if is_sa => Verdict::Valid,
                    Verdict::Valid => Verdict::Plausible,
                    _ => Verdict::Invalid,
                }
            }
            Check::PuttyKey => {
                let mut stop = text.len().min(end + 8192);
                while !text.is_char_boundary(stop) {
                    stop -= 1;
                }
                let window = &text[end..stop];
                if validate::putty_private_body(window) {
                    // The block ends at the private MAC line (or at the header).
                    let e = window
                        .find("Private-MAC:")
                        .map(|i| end + i + window[i..].find('\n').unwrap_or(window.len() - i))
                        .unwrap_or(end);
                    end = e;
                    Verdict::Valid
                } else {
                    Verdict::Invalid
                }
            }
            Check::AgeBech32 => validate::bech32(secret),
            Check::DiscordBot => validate::discord_bot(secret),
            Check::AwsKeyId => validate::aws_key_id(secret),
            Check::Base64Json => validate::leading_base64_json(body),
            Check::Base64Pem => {
                match validate::base64_decode(&secret[..secret.len() - secret.len() % 4]) {
                    Some(b) if b.windows(11).any(|w| w == b"PRIVATE KEY") => Verdict::Valid,
                    _ => Verdict::Invalid,
                }
            }
            Check::Base64Len(n) => validate::base64_len(secret, n),
            Check::UrlBase64Len(n) => validate::base64_len(&validate::url_unescape_b64(secret), n),
            Check::BasicAuth => validate::basic_auth(secret),
            Check::OpenAiMarker => {
                if secret.contains("T3BlbkFJ") {
                    Verdict::Valid
                } else {
                    Verdict::Plausible
                }
            }
            Check::AnthropicTail => {
                if body.len() == 95 && body.ends_with("AA") {
                    Verdict::Valid
                } else {
                    Verdict::Plausible
                }
            }
            Check::AzureDevOps => {
                if secret.len() == 84 && &secret[76..80] == "AZDO" {
                    Verdict::Valid
                } else if secret.len() == 84 {
                    Verdict::Invalid
                } else {
                    Verdict::Plausible
                }
            }
            Check::UrlPassword => url_password(caps, secret),
            Check::Password => {
                if password_placeholder(secret) {
                    Verdict::Invalid
                } else {
                    Verdict::Plausible
                }
            }
            Check::Bearer => Verdict::Plausible,
            Check::Generic => {
                let name = caps
                    .name("k")
                    .and_then(|k| text.get(ls + k.start()..ls + k.end()))
                    .unwrap_or("");
                let line_text = &text.as_bytes()[ls..];
                let trimmed = line_text.trim_ascii_start();
                if [&b"///"[..], b"//!", b"* ", b">>> ", b"#:"]
                    .iter()
                    .any(|d| trimmed.starts_with(d))
                {
                    return Outcome::Miss; // doc comments and doctests are documentation
                }
                if caps.name("op").is_some_and(|op| op.as_bytes() == b"(")
                    && !generic::ends_with_secret_word(name)
                {
                    // `setPassword("…")`, `with_api_key("…")`, not `load_password_from_line("…")`.
                    return Outcome::Miss;
                }
                if caps.name("op").is_some_and(|op| op.as_bytes() == b",") {
                    // `define("DB_PASSWORD", "…")`, `setdefault("app.secret", "…")`: the name is
                    // the quoted first argument and reads like a constant or a dotted key, not a
                    // word in a list (`["refresh_token", "urn:…"]`, `f("password", x)`).
                    let k = caps.name("k").map_or(0..0, |k| k.range());
                    let line = &text.as_bytes()[ls..];
                    let first_arg = k.start >= 2
                        && matches!(line[k.start - 1], b'"' | b'\'')
                        && line[..k.start - 1].trim_ascii_end().ends_with(b"(")
                        && matches!(line.get(k.end), Some(b'"' | b'\''));
                    let constant = name.contains('.')
                        || name.bytes().any(|c| c.is_ascii_uppercase()) && name.contains('_');
                    if !(first_arg && constant) {
                        return Outcome::Miss;
                    }
                }
                if self.prefixes.iter().any(|pre| secret.starts_with(pre))
                    || MARKER_PREFIXES.iter().any(|pre| secret.starts_with(pre))
                    || MARKERS.iter().any(|m| secret.contains(m))
                {
                    return Outcome::Miss; // a provider's token that its own format rejected
                }
                let quoted = caps.name("s").is_some();
                let config = mode.redact || mode.class == FileClass::Config;
                let Some(score) = generic::score(name, secret, quoted, config) else {
                    return Outcome::Miss;
                };
                kind = score.kind;
                confidence = score.confidence;
                signals.extend(score.signals);
                Verdict::Plausible
            }
        };
        match verdict {
            Verdict::Invalid => return Outcome::Veto,
            Verdict::Valid => {
                signals.push(match p.check {
                    Check::Crc32Base62 | Check::AgeBech32 => "checksum",
                    _ => "structure",
                });
                confidence = confidence.raised();
            }
            Verdict::Plausible => {}
        }
        Outcome::Hit(Hit {
            start,
            end,
            pattern: p,
            kind,
            validated: verdict == Verdict::Valid,
            confidence,
            signals,
            line: line_no,
            line_start: ls,
        })
    }
}

enum Outcome {
    Hit(Hit),
    /// Matched the shape but failed a check: a near miss that also silences the generic rule.
    Veto,
    /// Not a candidate after all.
    Miss,
}

/// Whether `a` should replace the overlapping `b`.
fn better(a: &Hit, b: &Hit) -> bool {
    let key = |h: &Hit| {
        (
            h.pattern.check != Check::Generic,
            h.validated,
            h.pattern.rank,
            h.confidence,
            h.end - h.start,
        )
    };
    key(a) > key(b)
}

pub(crate) fn count_newlines(b: &[u8]) -> u32 {
    b.iter().filter(|&&c| c == b'\n').count() as u32
}

/// `name = …` or `"name": …` at the start of a line.
fn looks_assignment(line: &[u8]) -> bool {
    let mut i = 0;
    while i < line.len() && line[i].is_ascii_whitespace() {
        i += 1;
    }
    if i < line.len() && matches!(line[i], b'"' | b'\'') {
        i += 1;
    }
    let start = i;
    while i < line.len()
        && (line[i].is_ascii_alphanumeric() || matches!(line[i], b'_' | b'.' | b'-'))
    {
        i += 1;
    }
    if i == start || i - start > 128 {
        return false;
    }
    while i < line.len() && matches!(line[i], b'"' | b'\'' | b' ' | b'\t') {
        i += 1;
    }
    i < line.len() && matches!(line[i], b'=' | b':')
}

/// Passwords that are documentation: `password`, `changeme`, `${VAR}`, `<pass>`, `{}`, `****`,
/// `foo`, anything shorter than three characters or naming itself (`mysecret`, `a%20secret`).
fn password_placeholder(p: &str) -> bool {
    const WORDS: &[&str] = &[
        "pass", "pwd", "pw", "pa$$word", "p@ssword", "p@ssw0rd", "passw0rd", "token", "apikey",
        "api_key", "user", "username", "admin", "root", "guest", "test", "dummy", "none", "null",
        "foo", "bar", "baz", "qux", "xyz", "abc",
    ];
    let l = p.to_ascii_lowercase();
    let trimmed = l.trim_matches(|c| matches!(c, '[' | ']' | '<' | '>' | '{' | '}'));
    WORDS.contains(&trimmed)
        || p.len() < 3
        || ["password", "passwd", "secret", "changeme", "example"]
            .iter()
            .any(|w| l.contains(w))
        || (p.starts_with('{') && p.ends_with('}'))
        || p.starts_with('$')
        || p.starts_with('%')
        || p.starts_with(':')
        || p.contains("${")
        || p.contains("{{")
        || p.contains('*')
        || is_placeholder(p)
}

/// The password part of a URL, JDBC or connection string.
fn url_password(caps: &Captures<'_>, password: &str) -> Verdict {
    if password_placeholder(password) {
        return Verdict::Invalid;
    }
    if let Some(user) = caps.name("user") {
        let user = String::from_utf8_lossy(user.as_bytes());
        if user.eq_ignore_ascii_case(password) {
            return Verdict::Invalid; // `postgres:postgres@localhost` style defaults
        }
    }
    if let Some(host) = caps.name("host") {
        let host = String::from_utf8_lossy(host.as_bytes()).to_ascii_lowercase();
        let doc_host = [
            "example.com",
            "example.org",
            "example.net",
            "example.invalid",
            "host",
            "hostname",
            "your-host",
            "yourhost",
            "domain.com",
            "server",
        ];
        if doc_host
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        {
            return Verdict::Invalid;
        }
    }
    Verdict::Plausible
}

#[cfg(test)]
mod lazy_tests {
    use super::ENGINE;

    #[test]
    fn every_built_in_regex_compiles() {
        // Compilation is lazy at run time; a bad pattern must still fail here, not in a user's run.
        for c in &ENGINE.pats {
            let _ = c.re();
            let _ = c.require();
        }
    }
}

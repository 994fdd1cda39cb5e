//! A parser for git/OpenSSH `allowed_signers` files and the decision whether a key may sign as a
//! principal (OpenSSH `ssh-keygen(1)`, section ALLOWED SIGNERS; `sshsig.c`).
//!
//! One entry per line: `principals [options] keytype base64-key [comment]`. `#` comments and blank
//! lines are ignored. A line that cannot be read is reported in [`AllowedSigners::problems`] with
//! its 1-based line number and skipped; parsing never fails as a whole and never panics.
//!
//! - `principals` is a comma-separated OpenSSH pattern-list (`*`, `?`, `!` negation), optionally
//!   in double quotes.
//! - Options (comma-separated, keywords case-insensitive): `cert-authority`,
//!   `namespaces="pattern-list"`, `valid-after="TIME"`, `valid-before="TIME"` where TIME is
//!   `YYYYMMDD[Z]` or `YYYYMMDDHHMM[SS][Z]`. Unknown or repeated options make the line invalid, as
//!   in OpenSSH.
//!
//! Differences from OpenSSH, all deliberate:
//! - **Times without `Z` are read as UTC.** OpenSSH reads them in the verifier's local time zone;
//!   idgate must give the same answer on every machine and has no time-zone database. Write `Z`
//!   to be unambiguous.
//! - **Principals match ASCII case-insensitively.** OpenSSH compares them case-sensitively. The
//!   principal idgate checks is a committer e-mail address, whose domain is case-insensitive, and a
//!   case-only difference must never slip past a `!` negation (`*@example.com,!bot@example.com`
//!   must refuse `BOT@example.com`). Namespaces still match case-sensitively.
//! - Certificates are not accepted as the key of a line (use `cert-authority` with the CA's key).
//!
//! Not supported: revocation lists (`gpg.ssh.revocationFile`).

use std::fmt::Write as _;

use ssh_key::{Certificate, HashAlg, PublicKey, certificate::CertType, public::KeyData};

/// One problem found while parsing: the line was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerProblem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// One valid line of an allowed-signers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedSigner {
    /// 1-based line number in the file.
    pub line: usize,
    /// The principals pattern-list, unquoted, as written (e.g. `alice@example.com,*@corp.example`).
    pub principals: String,
    /// Whether the key is a certificate authority (`cert-authority`): it does not sign commits
    /// itself but vouches for certificates that do.
    pub cert_authority: bool,
    /// The `namespaces` pattern-list, if restricted.
    pub namespaces: Option<String>,
    /// `valid-after`, as Unix seconds (UTC, see the module docs).
    pub valid_after: Option<i64>,
    /// `valid-before`, as Unix seconds (UTC, see the module docs).
    pub valid_before: Option<i64>,
    /// The public key (the CA's key for `cert-authority` lines). Its comment is empty.
    pub key: PublicKey,
}

impl AllowedSigner {
    /// Whether `principal` matches the principals pattern-list (ASCII case-insensitive; a
    /// matching `!` pattern refuses).
    pub fn matches_principal(&self, principal: &str) -> bool {
        match_pattern_list(principal, &self.principals, true) == PatternMatch::Matched
    }

    /// Whether signatures in `namespace` are allowed (always, when `namespaces` is not set).
    pub fn allows_namespace(&self, namespace: &str) -> bool {
        match &self.namespaces {
            None => true,
            Some(list) => match_pattern_list(namespace, list, false) == PatternMatch::Matched,
        }
    }

    /// Whether the line's validity window contains `time` (Unix seconds). Both ends are
    /// inclusive, as in OpenSSH (`valid-after <= time <= valid-before`).
    pub fn valid_at(&self, time: i64) -> bool {
        self.valid_after.is_none_or(|a| time >= a) && self.valid_before.is_none_or(|b| time <= b)
    }

    /// The key's fingerprint, `SHA256:<base64>`.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// The validity window as text for messages, e.g. `valid-after 2024-01-01T00:00:00Z`
    /// (empty when unrestricted).
    pub fn window_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(a) = self.valid_after {
            parts.push(format!("valid-after {}", format_utc(a)));
        }
        if let Some(b) = self.valid_before {
            parts.push(format!("valid-before {}", format_utc(b)));
        }
        parts.join(", ")
    }
}

/// Why an allowed-signers file does not let a key sign as a principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No line has this key (for certificates: no `cert-authority` line has the signing CA).
    UnknownKey,
    /// The key (or CA) is listed, but only for these principals pattern-lists.
    OtherPrincipals(Vec<String>),
    /// The line for the principal restricts namespaces and this one is not among them.
    Namespace {
        /// The namespace asked for.
        namespace: String,
        /// The line's `namespaces` pattern-list.
        allowed: String,
        /// The line number.
        line: usize,
    },
    /// The line for the principal is not valid at the time asked for.
    OutsideWindow {
        /// The time asked for (Unix seconds).
        time: i64,
        /// The line's `valid-after`, if any.
        valid_after: Option<i64>,
        /// The line's `valid-before`, if any.
        valid_before: Option<i64>,
        /// The line number.
        line: usize,
    },
    /// A certificate signed by a listed CA failed its own checks (type, validity, principals,
    /// CA signature).
    Certificate(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::UnknownKey => f.write_str("the key is not in the allowed-signers file"),
            Refusal::OtherPrincipals(p) => {
                write!(f, "the key is listed only for {}", p.join(", "))
            }
            Refusal::Namespace {
                namespace,
                allowed,
                line,
            } => write!(
                f,
                "the key may not sign in namespace \"{namespace}\" (line {line}: namespaces=\"{allowed}\")"
            ),
            Refusal::OutsideWindow {
                time,
                valid_after,
                valid_before,
                line,
            } => {
                let state = match valid_after {
                    Some(a) if *time < *a => "not yet valid",
                    _ => "expired",
                };
                write!(
                    f,
                    "the key is {state} at {} (line {line}:",
                    format_utc(*time)
                )?;
                if let Some(a) = valid_after {
                    write!(f, " valid-after {}", format_utc(*a))?;
                }
                if let Some(b) = valid_before {
                    write!(f, " valid-before {}", format_utc(*b))?;
                }
                f.write_str(")")
            }
            Refusal::Certificate(why) => f.write_str(why),
        }
    }
}

/// A parsed allowed-signers file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedSigners {
    /// The valid lines, in file order.
    pub entries: Vec<AllowedSigner>,
    /// Lines that were skipped, with why.
    pub problems: Vec<SignerProblem>,
}

impl AllowedSigners {
    /// Whether the file has no valid entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Plain (non-`cert-authority`) entries whose key equals `key`, whatever their principals.
    pub fn entries_for_key<'a>(
        &'a self,
        key: &'a KeyData,
    ) -> impl Iterator<Item = &'a AllowedSigner> + 'a {
        self.entries
            .iter()
            .filter(move |e| !e.cert_authority && e.key.key_data() == key)
    }

    /// `cert-authority` entries whose key equals `ca`, whatever their principals.
    pub fn entries_for_ca<'a>(
        &'a self,
        ca: &'a KeyData,
    ) -> impl Iterator<Item = &'a AllowedSigner> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.cert_authority && e.key.key_data() == ca)
    }

    /// Plain entries whose key equals `key` and whose principals match `principal`, ignoring
    /// namespaces and validity windows (see [`AllowedSigners::authorize`] for the full check).
    pub fn find<'a>(
        &'a self,
        principal: &'a str,
        key: &'a KeyData,
    ) -> impl Iterator<Item = &'a AllowedSigner> + 'a {
        self.entries_for_key(key)
            .filter(move |e| e.matches_principal(principal))
    }

    /// Whether the plain key `key` may sign as `principal` in `namespace` at `time` (Unix
    /// seconds): some non-CA line lists the key, matches the principal, allows the namespace and
    /// is valid at `time`. Returns the first such line, or why none is.
    pub fn authorize(
        &self,
        principal: &str,
        key: &KeyData,
        namespace: &str,
        time: i64,
    ) -> Result<&AllowedSigner, Refusal> {
        let listed: Vec<&AllowedSigner> = self
            .entries
            .iter()
            .filter(|e| !e.cert_authority && e.key.key_data() == key)
            .collect();
        decide(&listed, principal, namespace, time, |_| Ok(()))
    }

    /// Whether the OpenSSH user certificate `cert` may sign as `principal` in `namespace` at
    /// `time`: some `cert-authority` line has the certificate's CA key, matches the principal,
    /// allows the namespace and is valid at `time`; and the certificate is a user certificate,
    /// valid at `time`, lists `principal` among its principals (ASCII case-insensitive, no
    /// wildcards; a certificate without principals is refused, as in OpenSSH's sshsig) and
    /// carries a valid signature by that CA. Critical options are ignored, as in OpenSSH's sshsig.
    pub fn authorize_certificate(
        &self,
        principal: &str,
        cert: &Certificate,
        namespace: &str,
        time: i64,
    ) -> Result<&AllowedSigner, Refusal> {
        let ca = cert.signature_key();
        let listed: Vec<&AllowedSigner> = self
            .entries
            .iter()
            .filter(|e| e.cert_authority && e.key.key_data() == ca)
            .collect();
        decide(&listed, principal, namespace, time, |entry| {
            check_certificate(cert, entry, principal, time)
        })
    }
}

fn decide<'a>(
    listed: &[&'a AllowedSigner],
    principal: &str,
    namespace: &str,
    time: i64,
    extra: impl Fn(&AllowedSigner) -> Result<(), Refusal>,
) -> Result<&'a AllowedSigner, Refusal> {
    if listed.is_empty() {
        return Err(Refusal::UnknownKey);
    }
    let mut first_refusal = None;
    for entry in listed.iter().filter(|e| e.matches_principal(principal)) {
        let verdict = if !entry.allows_namespace(namespace) {
            Err(Refusal::Namespace {
                namespace: namespace.to_string(),
                allowed: entry.namespaces.clone().unwrap_or_default(),
                line: entry.line,
            })
        } else if !entry.valid_at(time) {
            Err(Refusal::OutsideWindow {
                time,
                valid_after: entry.valid_after,
                valid_before: entry.valid_before,
                line: entry.line,
            })
        } else {
            extra(entry)
        };
        match verdict {
            Ok(()) => return Ok(entry),
            Err(r) => {
                first_refusal.get_or_insert(r);
            }
        }
    }
    Err(first_refusal.unwrap_or_else(|| {
        let mut principals: Vec<String> = Vec::new();
        for e in listed {
            if !principals.contains(&e.principals) {
                principals.push(e.principals.clone());
            }
        }
        Refusal::OtherPrincipals(principals)
    }))
}

fn check_certificate(
    cert: &Certificate,
    ca: &AllowedSigner,
    principal: &str,
    time: i64,
) -> Result<(), Refusal> {
    let refuse = |why: String| Err(Refusal::Certificate(why));
    if cert.cert_type() != CertType::User {
        return refuse("the certificate is not a user certificate".into());
    }
    let after = cert.valid_after();
    let before = cert.valid_before();
    // PROTOCOL.certkeys: valid after <= time < valid before.
    let inside = u64::try_from(time).is_ok_and(|t| after <= t && t < before);
    if !inside {
        return refuse(format!(
            "the certificate is not valid at {} (valid from {} to {})",
            format_utc(time),
            format_utc(i64::try_from(after).unwrap_or(i64::MAX)),
            format_utc(i64::try_from(before).unwrap_or(i64::MAX)),
        ));
    }
    let principals = cert.valid_principals();
    if principals.is_empty() {
        return refuse("the certificate lists no principals".into());
    }
    if !principals.iter().any(|p| p.eq_ignore_ascii_case(principal)) {
        return refuse(format!(
            "the certificate is for {}, not {principal}",
            principals.join(", ")
        ));
    }
    let ca_fingerprint = ca.key.fingerprint(HashAlg::Sha256);
    // `time` is inside the window, so it is non-negative here.
    let t = u64::try_from(time).unwrap_or(0);
    if cert.validate_at(t, [&ca_fingerprint]).is_err() {
        return refuse(format!(
            "the certificate's signature by CA {ca_fingerprint} does not verify"
        ));
    }
    Ok(())
}

/// The outcome of matching a string against an OpenSSH pattern-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternMatch {
    /// A positive pattern matched and no negated one did.
    Matched,
    /// No pattern matched.
    NotMatched,
    /// A `!` pattern matched: refused, whatever else matches.
    Negated,
}

/// Match `s` against a comma-separated OpenSSH pattern-list (`match_pattern_list` in OpenSSH's
/// `match.c`): a negated pattern (`!pat`) that matches refuses; otherwise any positive match
/// accepts. A list of only negations never matches. `fold_case` compares ASCII
/// case-insensitively.
pub fn match_pattern_list(s: &str, list: &str, fold_case: bool) -> PatternMatch {
    let mut positive = false;
    for sub in list.split(',') {
        let (negated, pattern) = match sub.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, sub),
        };
        if match_pattern(s, pattern, fold_case) {
            if negated {
                return PatternMatch::Negated;
            }
            positive = true;
        }
    }
    if positive {
        PatternMatch::Matched
    } else {
        PatternMatch::NotMatched
    }
}

/// Match `s` against one wildcard pattern: `*` matches any run of characters (also none), `?`
/// exactly one character; everything else matches itself. Linear-time (no backtracking blow-up).
pub fn match_pattern(s: &str, pattern: &str, fold_case: bool) -> bool {
    let s: Vec<char> = s.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let eq = |a: char, b: char| {
        if fold_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (mut si, mut pi) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], s[si]))) {
            si += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Key types OpenSSH's `sshkey_read` accepts at the key position; anything else there is read as
/// options.
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ssh-dss",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

fn is_key_type(token: &str) -> bool {
    KEY_TYPES.contains(&token) || is_cert_type(token)
}

fn is_cert_type(token: &str) -> bool {
    token.ends_with("-cert-v01@openssh.com")
}

/// Parse an allowed-signers file. Bad lines are reported in [`AllowedSigners::problems`] and
/// skipped.
pub fn parse_allowed_signers(text: &str) -> AllowedSigners {
    let mut out = AllowedSigners::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim_start_matches([' ', '\t']);
        if content.is_empty() || content.starts_with('#') || content.trim().is_empty() {
            continue;
        }
        match parse_line(content, line) {
            Ok(entry) => out.entries.push(entry),
            Err(message) => out.problems.push(SignerProblem { line, message }),
        }
    }
    out
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn skip_space(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// Split off the principals field (OpenSSH `strdelimw`): up to whitespace, or, when a double
/// quote is met, through the matching quote (the quotes are dropped).
fn principals_field(s: &str) -> Result<(String, &str), String> {
    let mut out = String::new();
    for (i, c) in s.char_indices() {
        if is_space(c) {
            return Ok((out, &s[i..]));
        }
        if c == '"' {
            let rest = &s[i + 1..];
            let Some(end) = rest.find('"') else {
                return Err("unterminated quote in the principals field".into());
            };
            out.push_str(&rest[..end]);
            return Ok((out, &rest[end + 1..]));
        }
        out.push(c);
    }
    Ok((out, ""))
}

/// Split off the options field: up to whitespace outside double quotes (`\"` escapes a quote).
fn options_field(s: &str) -> Result<(&str, &str), String> {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if is_space(c) && !quoted => return Ok((&s[..i], &s[i..])),
            _ => {}
        }
    }
    if quoted {
        return Err("unterminated quote in the options".into());
    }
    Ok((s, ""))
}

fn token(s: &str) -> (&str, &str) {
    match s.find(is_space) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

fn parse_line(content: &str, line: usize) -> Result<AllowedSigner, String> {
    let (principals, rest) = principals_field(content)?;
    if principals.is_empty() {
        return Err("empty principals field".into());
    }
    let rest = skip_space(rest);
    if rest.is_empty() {
        return Err("missing key".into());
    }
    let (first, _) = token(rest);
    let (options, key_part) = if is_key_type(first) {
        (None, rest)
    } else {
        let (opts, after) = options_field(rest)?;
        let after = skip_space(after);
        if after.is_empty() {
            let hint = if first.contains('=') || first.contains(',') {
                "missing key after the options"
            } else {
                "missing key (or unknown key type)"
            };
            return Err(format!("{hint}: {first}"));
        }
        (Some(opts), after)
    };
    let (key_type, after_type) = token(key_part);
    if !is_key_type(key_type) {
        return Err(format!("unknown key type \"{key_type}\""));
    }
    if is_cert_type(key_type) {
        return Err(format!(
            "a certificate ({key_type}) cannot be an allowed-signers key; list the CA's key with cert-authority"
        ));
    }
    let (blob, _comment) = token(skip_space(after_type));
    if blob.is_empty() {
        return Err(format!("missing base64 data after key type {key_type}"));
    }
    let key = PublicKey::from_openssh(&format!("{key_type} {blob}"))
        .map_err(|e| format!("invalid {key_type} key: {e}"))?;
    if key.algorithm().as_str() != key_type {
        return Err(format!(
            "key type {key_type} does not match the key data ({})",
            key.algorithm().as_str()
        ));
    }
    let mut entry = AllowedSigner {
        line,
        principals,
        cert_authority: false,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key,
    };
    if let Some(opts) = options {
        parse_options(opts, &mut entry)?;
    }
    Ok(entry)
}

/// Strip a case-insensitive keyword followed by `=`.
fn strip_keyword<'a>(s: &'a str, keyword: &str) -> Option<&'a str> {
    let n = keyword.len();
    if s.len() > n && s.is_char_boundary(n) && s[..n].eq_ignore_ascii_case(keyword) {
        s[n..].strip_prefix('=')
    } else {
        None
    }
}

/// Read a double-quoted value (OpenSSH `opt_dequote`): `\"` is a literal quote.
fn dequote(s: &str) -> Result<(String, &str), String> {
    let Some(body) = s.strip_prefix('"') else {
        return Err("option value must be in double quotes".into());
    };
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' if body[i + 1..].starts_with('"') => {
                out.push('"');
                chars.next();
            }
            c => out.push(c),
        }
    }
    Err("missing closing quote in option value".into())
}

fn parse_options(mut opts: &str, entry: &mut AllowedSigner) -> Result<(), String> {
    const CA: &str = "cert-authority";
    while !opts.is_empty() {
        let n = CA.len();
        if opts.len() >= n
            && opts.is_char_boundary(n)
            && opts[..n].eq_ignore_ascii_case(CA)
            && (opts.len() == n || opts[n..].starts_with(','))
        {
            entry.cert_authority = true;
            opts = &opts[n..];
        } else if let Some(v) = strip_keyword(opts, "namespaces") {
            if entry.namespaces.is_some() {
                return Err("multiple \"namespaces\" options".into());
            }
            let (value, rest) = dequote(v)?;
            entry.namespaces = Some(value);
            opts = rest;
        } else if let Some(v) = strip_keyword(opts, "valid-after") {
            if entry.valid_after.is_some() {
                return Err("multiple \"valid-after\" options".into());
            }
            let (value, rest) = dequote(v)?;
            entry.valid_after = Some(parse_time(&value).map_err(|e| format!("valid-after: {e}"))?);
            opts = rest;
        } else if let Some(v) = strip_keyword(opts, "valid-before") {
            if entry.valid_before.is_some() {
                return Err("multiple \"valid-before\" options".into());
            }
            let (value, rest) = dequote(v)?;
            entry.valid_before =
                Some(parse_time(&value).map_err(|e| format!("valid-before: {e}"))?);
            opts = rest;
        } else {
            let name = opts.split([',', '=']).next().unwrap_or(opts);
            return Err(format!("unsupported option \"{name}\""));
        }
        if let Some(rest) = opts.strip_prefix(',') {
            if rest.is_empty() {
                return Err("trailing comma in the options".into());
            }
            opts = rest;
        } else if !opts.is_empty() {
            return Err(format!("unexpected text in the options: {opts}"));
        }
    }
    if let (Some(a), Some(b)) = (entry.valid_after, entry.valid_before)
        && b <= a
    {
        return Err("\"valid-before\" time is not after \"valid-after\"".into());
    }
    Ok(())
}

/// Parse an allowed-signers time: `YYYYMMDD[Z]` or `YYYYMMDDHHMM[SS][Z]`, as Unix seconds.
/// Times without `Z` are read as UTC too (OpenSSH would use local time; see the module docs).
pub fn parse_time(s: &str) -> Result<i64, String> {
    let digits = s
        .strip_suffix('Z')
        .or_else(|| s.strip_suffix('z'))
        .unwrap_or(s);
    if !matches!(digits.len(), 8 | 12 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("\"{s}\" is not YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]"));
    }
    let num = |r: std::ops::Range<usize>| -> i64 {
        digits[r]
            .bytes()
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'))
    };
    let (year, month, day) = (num(0..4), num(4..6), num(6..8));
    let (hour, minute) = if digits.len() >= 12 {
        (num(8..10), num(10..12))
    } else {
        (0, 0)
    };
    let second = if digits.len() == 14 { num(12..14) } else { 0 };
    if !(1..=12).contains(&month) {
        return Err(format!("\"{s}\": month out of range"));
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(format!("\"{s}\": day out of range"));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!("\"{s}\": time of day out of range"));
    }
    Ok(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Format Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub fn format_utc(t: i64) -> String {
    // Keep the arithmetic in range for absurd inputs (e.g. a certificate valid "forever").
    let t = t.clamp(-(1 << 40), 1 << 40);
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    let mut out = String::new();
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti";

    fn one(line: &str) -> AllowedSigner {
        let parsed = parse_allowed_signers(line);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.entries.len(), 1);
        parsed.entries.into_iter().next().unwrap()
    }

    #[test]
    fn plain_line() {
        let e = one(&format!("alice@example.com {ED} alice's laptop"));
        assert_eq!(e.principals, "alice@example.com");
        assert!(!e.cert_authority);
        assert_eq!(e.namespaces, None);
        assert_eq!(e.line, 1);
        assert!(e.fingerprint().starts_with("SHA256:"));
        assert!(e.matches_principal("alice@example.com"));
        assert!(e.matches_principal("Alice@Example.COM"));
        assert!(!e.matches_principal("bob@example.com"));
    }

    #[test]
    fn options_are_read() {
        let e = one(&format!(
            "a@x.org,b@x.org Cert-Authority,NAMESPACES=\"git,file\",valid-after=\"20240101\",valid-before=\"202501021530Z\" {ED}"
        ));
        assert!(e.cert_authority);
        assert_eq!(e.namespaces.as_deref(), Some("git,file"));
        assert_eq!(e.valid_after, Some(1_704_067_200));
        assert_eq!(e.valid_before, Some(1_735_831_800));
        assert!(e.allows_namespace("git"));
        assert!(e.allows_namespace("file"));
        assert!(!e.allows_namespace("Git"));
        assert!(!e.allows_namespace("idgate-approval"));
        assert!(e.valid_at(1_704_067_200));
        assert!(e.valid_at(1_735_831_800));
        assert!(!e.valid_at(1_704_067_199));
        assert!(!e.valid_at(1_735_831_801));
        assert!(e.window_text().contains("valid-after 2024-01-01T00:00:00Z"));
        assert!(
            e.window_text()
                .contains("valid-before 2025-01-02T15:30:00Z")
        );
    }

    #[test]
    fn namespaces_are_patterns() {
        let e = one(&format!("a@x.org namespaces=\"g*,!gitx\" {ED}"));
        assert!(e.allows_namespace("git"));
        assert!(!e.allows_namespace("gitx"));
        assert!(!e.allows_namespace("file"));
    }

    #[test]
    fn quoted_principals() {
        let e = one(&format!("\"alice@example.com,Bob Smith@example.com\" {ED}"));
        assert_eq!(e.principals, "alice@example.com,Bob Smith@example.com");
        assert!(e.matches_principal("bob smith@example.com"));
        let e = one(&format!("  \"a@x.org\"\tnamespaces=\"git\"  {ED}"));
        assert_eq!(e.principals, "a@x.org");
        assert_eq!(e.namespaces.as_deref(), Some("git"));
    }

    #[test]
    fn escaped_quote_in_option() {
        let e = one(&format!("a@x.org namespaces=\"a\\\"b,git\" {ED}"));
        assert_eq!(e.namespaces.as_deref(), Some("a\"b,git"));
        assert!(e.allows_namespace("git"));
    }

    #[test]
    fn wildcards_and_negation() {
        let e = one(&format!(
            "*@example.com,!bot@example.com,x?z@other.org {ED}"
        ));
        assert!(e.matches_principal("alice@example.com"));
        assert!(!e.matches_principal("bot@example.com"));
        assert!(!e.matches_principal("BOT@example.com"));
        assert!(e.matches_principal("xyz@other.org"));
        assert!(!e.matches_principal("xyyz@other.org"));
        assert!(!e.matches_principal("alice@example.com.evil"));
        assert_eq!(
            match_pattern_list("a", "!b", false),
            PatternMatch::NotMatched
        );
        assert_eq!(
            match_pattern_list("b", "*,!b", false),
            PatternMatch::Negated
        );
        assert!(match_pattern("", "*", false));
        assert!(match_pattern("abc", "a*c", false));
        assert!(match_pattern("abbbc", "a*b*c", false));
        assert!(!match_pattern("abc", "a*d", false));
        assert!(!match_pattern("ABC", "abc", false));
        assert!(match_pattern("ABC", "abc", true));
        assert!(match_pattern(
            "aaaaaaaaaaaaaaaaaaaaaaaab",
            "*a*a*a*a*a*a*a*b",
            false
        ));
        assert!(!match_pattern(
            "aaaaaaaaaaaaaaaaaaaaaaaaa",
            "*a*a*a*a*a*a*a*b",
            false
        ));
    }

    #[test]
    fn comments_and_blank_lines() {
        let text = format!("# comment\n\n   \n\t# indented comment\na@x.org {ED}\r\n");
        let parsed = parse_allowed_signers(&text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].line, 5);
    }

    #[test]
    fn bad_lines_are_reported_with_line_numbers() {
        let text = [
            format!("good@x.org {ED}"),                        // 1
            "lonely@x.org".to_string(),                        // 2
            format!("a@x.org bogus-option {ED}"),              // 3
            format!("a@x.org namespaces=git {ED}"),            // 4
            format!("a@x.org valid-after=\"2024\" {ED}"),      // 5
            format!("a@x.org valid-after=\"20240230\" {ED}"),  // 6
            "a@x.org ssh-ed25519 AAAA!!notbase64".to_string(), // 7
            "a@x.org ssh-ed25519".to_string(),                 // 8
            format!("\"a@x.org {ED}"),                         // 9
            format!("a@x.org valid-after=\"20250101\",valid-before=\"20240101\" {ED}"), // 10
            format!("a@x.org namespaces=\"git\",namespaces=\"file\" {ED}"), // 11
            format!("a@x.org cert-authority, {ED}"),           // 12
            "a@x.org ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti"
                .to_string(), // 13
            format!("\"\" {ED}"),                              // 14
            "a@x.org ssh-ed25519-cert-v01@openssh.com AAAA".to_string(), // 15
            format!("also-good@x.org {ED}"),                   // 16
        ]
        .join("\n");
        let parsed = parse_allowed_signers(&text);
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            (2..=15).collect::<Vec<_>>(),
            "{:#?}",
            parsed.problems
        );
        assert_eq!(parsed.entries.len(), 2);
        assert_eq!(parsed.entries[1].line, 16);
        let msg = |line: usize| {
            parsed
                .problems
                .iter()
                .find(|p| p.line == line)
                .map(|p| p.message.clone())
                .unwrap()
        };
        assert!(msg(2).contains("missing key"), "{}", msg(2));
        assert!(msg(3).contains("unsupported option"), "{}", msg(3));
        assert!(msg(4).contains("double quotes"), "{}", msg(4));
        assert!(msg(5).contains("YYYYMMDD"), "{}", msg(5));
        assert!(msg(6).contains("day out of range"), "{}", msg(6));
        assert!(msg(7).contains("invalid ssh-ed25519 key"), "{}", msg(7));
        assert!(msg(9).contains("unterminated quote"), "{}", msg(9));
        assert!(msg(10).contains("valid-before"), "{}", msg(10));
        assert!(msg(11).contains("multiple"), "{}", msg(11));
        assert!(msg(15).contains("certificate"), "{}", msg(15));
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("19700101"), Ok(0));
        assert_eq!(parse_time("19700101Z"), Ok(0));
        assert_eq!(parse_time("197001010001"), Ok(60));
        assert_eq!(parse_time("19700101000001z"), Ok(1));
        assert_eq!(parse_time("20000229"), Ok(951_782_400));
        assert!(parse_time("20010229").is_err());
        assert!(parse_time("2024010").is_err());
        assert!(parse_time("202401011").is_err());
        assert!(parse_time("2024010124").is_err());
        assert!(parse_time("202401012400").is_err());
        assert!(parse_time("2024-01-01").is_err());
        assert!(parse_time("").is_err());
        assert!(parse_time("٢٠٢٤٠١٠١").is_err());
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_utc(i64::MAX).len(), "36812-02-20T00:36:16Z".len());
    }

    #[test]
    fn authorize_decisions() {
        let key = PublicKey::from_openssh(ED).unwrap();
        let kd = key.key_data();
        let text = format!(
            "bob@x.org {ED}\nalice@x.org namespaces=\"file\" {ED}\nalice@x.org valid-before=\"20200101Z\" {ED}\n"
        );
        let signers = parse_allowed_signers(&text);
        assert!(matches!(
            signers.authorize("carol@x.org", kd, "git", 0),
            Err(Refusal::OtherPrincipals(p)) if p == ["bob@x.org", "alice@x.org"]
        ));
        assert_eq!(
            signers.authorize("alice@x.org", kd, "git", 0).unwrap().line,
            3
        );
        assert_eq!(
            signers
                .authorize("alice@x.org", kd, "file", 0)
                .unwrap()
                .line,
            2
        );
        // Both alice lines refuse; the first refusal (file order) is reported.
        let r = signers.authorize("alice@x.org", kd, "git", 1_600_000_000);
        assert!(
            matches!(r, Err(Refusal::Namespace { line: 2, .. })),
            "{r:?}"
        );
        assert_eq!(
            signers.authorize("bob@x.org", kd, "git", 5).unwrap().line,
            1
        );
        assert_eq!(signers.find("alice@x.org", kd).count(), 2);
        let empty = parse_allowed_signers("");
        assert!(empty.is_empty());
        assert_eq!(
            empty.authorize("bob@x.org", kd, "git", 5),
            Err(Refusal::UnknownKey)
        );
        let only_window =
            parse_allowed_signers(&format!("alice@x.org valid-after=\"20300101\" {ED}"));
        let r = only_window
            .authorize("alice@x.org", kd, "git", 0)
            .unwrap_err();
        assert!(r.to_string().contains("not yet valid"), "{r}");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "\"",
            "\"\"",
            "a \"",
            "a b=\"",
            "a b=\"\\",
            "a ,",
            "a cert-authority",
            "a namespaces=\"x\"",
            "é ü ß",
            "a é=\"ü\" ssh-ed25519 AAAA",
            "\u{0}\u{1}",
            "a valid-after=\"\" ssh-ed25519 x",
            "a cert-authorityé ssh-ed25519 x",
            "a namespacesé=\"x\" ssh-ed25519 x",
        ] {
            let parsed = parse_allowed_signers(text);
            assert!(parsed.entries.is_empty(), "{text}");
            assert_eq!(parsed.problems.len(), 1, "{text}");
        }
    }
}

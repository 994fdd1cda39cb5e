//! Signed approvals and waivers: statements, their canonical encoding, SSH signatures over it,
//! the git-note storage format and the decision which approvals count.
//!
//! # Statement
//!
//! An approval or waiver is a [`Statement`], signed as an sshsig (`PROTOCOL.sshsig`, namespace
//! [`NAMESPACE`], hash SHA-512) over its [`canonical_bytes`]:
//!
//! ```json
//! {"change":{"base":"<base commit>","digest":"<change digest>","head":"<head commit>"},
//!  "expires":null,"fingerprints":["<finding fingerprint>",…],"kind":"approval",
//!  "principal":"alice@example.com","time":1700000000,"type":"idgate-approval/v1",
//!  "verdict":"review","waiver":null}
//! ```
//!
//! (one line in the canonical form; wrapped here). A waiver has `"kind":"waiver"` and
//! `"waiver":{"fingerprint":…,"path":…,"reason":…,"rule":…}`; it needs a non-empty reason, an
//! expiry and at least one of rule, path (a glob) or fingerprint ([`Statement::validate`]).
//!
//! Users can sign with plain OpenSSH: write the canonical bytes to a file and run
//! `ssh-keygen -Y sign -n idgate-approval -f KEY FILE`; the signature verifies here, and one made
//! by [`sign`] verifies with `ssh-keygen -Y verify -n idgate-approval`.
//!
//! # Trust
//!
//! [`verify`] checks the signature and asks the allowed-signers file **of the base revision**
//! whether the key may sign as the statement's principal in [`NAMESPACE`] at the statement's
//! `time`. That time is chosen by the signer (sshsig has no trusted timestamp): a signer whose
//! key line has a `valid-before` in the past can back-date a statement into the window. Remove
//! the line (or the key) to revoke a key for good. [`evaluate`] also refuses statements dated
//! more than [`CLOCK_SKEW`] seconds in the future.
//!
//! [`evaluate`] then decides which verified statements count for the current change: the right
//! kind, the current change digest (a new commit changes it, so old approvals stop counting),
//! every current finding covered, not expired, not an agent's principal, not an author or
//! committer of the change, an owner of the touched paths when owners are known, and one per
//! principal.
//!
//! # Storage
//!
//! Approvals live in a git note (`refs/notes/idgate`) on the head commit, as JSON Lines: one
//! `{"signature":"-----BEGIN SSH SIGNATURE-----\n…","statement":{…}}` object per line
//! ([`parse_note`], [`append_to_note`]). Nothing here does I/O.
//!
//! Nothing here panics on any input.

use std::collections::BTreeSet;
use std::fmt;

use idgate_core::Decision;
use idgate_provenance::allowed_signers::{
    AllowedSigners, PatternMatch, Refusal, format_utc, match_pattern_list,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};
use ssh_key::{
    Algorithm, EcdsaCurve, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig, public::KeyData,
};

/// The sshsig namespace approvals and waivers are signed in.
pub const NAMESPACE: &str = "idgate-approval";

/// The `type` of every statement this version writes and accepts.
pub const STATEMENT_TYPE: &str = "idgate-approval/v1";

/// How far in the future (seconds) a statement's `time` may be before [`evaluate`] refuses it.
pub const CLOCK_SKEW: i64 = 300;

/// The message for a passphrase-protected private key.
pub const ENCRYPTED_KEY_MESSAGE: &str =
    "key is passphrase-protected; use ssh-agent or an unencrypted key";

/// What a statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A signed approval of a change.
    Approval,
    /// A signed, reasoned, expiring waiver of findings.
    Waiver,
}

impl Kind {
    /// The lowercase name (`approval`, `waiver`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Approval => "approval",
            Kind::Waiver => "waiver",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The change a statement is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRef {
    /// The change digest (`ChangeSet::digest`): SHA-256 over the base and head states. This is
    /// what binds the statement; `base` and `head` are recorded for people.
    pub digest: String,
    /// The base commit id.
    pub base: String,
    /// The head commit id.
    pub head: String,
}

/// The scope and reason of a waiver. Every field that is set must match a finding for the
/// waiver to cover it ([`Waiver::covers`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id waived (`IDG101`), if restricted to one rule.
    pub rule: Option<String>,
    /// A glob of repository-relative paths (`*` stays within one directory, `**` crosses
    /// directories), if restricted to paths.
    pub path: Option<String>,
    /// One finding fingerprint, if restricted to one finding.
    pub fingerprint: Option<String>,
    /// Why the finding is acceptable. Required, non-empty.
    pub reason: String,
}

impl Waiver {
    /// Whether the waiver covers a finding of `rule` at `path` with `fingerprint`: every field
    /// that is set matches (rule ids ASCII case-insensitively, paths by glob, fingerprints
    /// exactly). A waiver with no field set, or with a path that is not a valid glob, covers
    /// nothing.
    pub fn covers(&self, rule: &str, path: &str, fingerprint: &str) -> bool {
        if self.rule.is_none() && self.path.is_none() && self.fingerprint.is_none() {
            return false;
        }
        let rule_ok = self
            .rule
            .as_deref()
            .is_none_or(|r| r.eq_ignore_ascii_case(rule));
        let fingerprint_ok = self.fingerprint.as_deref().is_none_or(|f| f == fingerprint);
        let path_ok = match self.path.as_deref() {
            None => true,
            Some(glob) => path_glob(glob).is_ok_and(|m| m.is_match(path)),
        };
        rule_ok && fingerprint_ok && path_ok
    }
}

fn path_glob(glob: &str) -> Result<globset::GlobMatcher, globset::Error> {
    Ok(globset::GlobBuilder::new(glob)
        .literal_separator(true)
        .build()?
        .compile_matcher())
}

/// A statement of approval or waiver, the thing that is signed (see the module docs for the
/// JSON form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Always [`STATEMENT_TYPE`].
    #[serde(rename = "type")]
    pub statement_type: String,
    /// Approval or waiver.
    pub kind: Kind,
    /// The change.
    pub change: ChangeRef,
    /// The verdict the signer saw.
    #[serde(deserialize_with = "deserialize_decision")]
    pub verdict: Decision,
    /// The fingerprints of the findings the signer saw, sorted, without duplicates.
    pub fingerprints: Vec<String>,
    /// Who signs: an e-mail address, looked up in the allowed-signers file.
    pub principal: String,
    /// When it was signed, Unix seconds (chosen by the signer).
    pub time: i64,
    /// When it stops counting, Unix seconds (exclusive); required for waivers.
    pub expires: Option<i64>,
    /// The waiver's scope and reason; set exactly when `kind` is `waiver`.
    pub waiver: Option<Waiver>,
}

fn deserialize_decision<'de, D: Deserializer<'de>>(d: D) -> Result<Decision, D::Error> {
    let s = String::deserialize(d)?;
    match s.as_str() {
        "allow" => Ok(Decision::Allow),
        "review" => Ok(Decision::Review),
        "block" => Ok(Decision::Block),
        other => Err(serde::de::Error::custom(format!(
            "unknown verdict \"{other}\" (expected allow, review or block)"
        ))),
    }
}

impl Statement {
    /// An approval of `change` by `principal` at `time`. The fingerprints are sorted and
    /// deduplicated.
    pub fn approval(
        change: ChangeRef,
        verdict: Decision,
        fingerprints: impl IntoIterator<Item = String>,
        principal: impl Into<String>,
        time: i64,
        expires: Option<i64>,
    ) -> Statement {
        Statement {
            statement_type: STATEMENT_TYPE.to_string(),
            kind: Kind::Approval,
            change,
            verdict,
            fingerprints: sorted(fingerprints),
            principal: principal.into(),
            time,
            expires,
            waiver: None,
        }
    }

    /// A waiver for `change` by `principal` at `time`, expiring at `expires`. The fingerprints
    /// are sorted and deduplicated. Check it with [`Statement::validate`] (or let [`sign`] do).
    pub fn waiver(
        change: ChangeRef,
        verdict: Decision,
        fingerprints: impl IntoIterator<Item = String>,
        principal: impl Into<String>,
        time: i64,
        expires: i64,
        waiver: Waiver,
    ) -> Statement {
        Statement {
            statement_type: STATEMENT_TYPE.to_string(),
            kind: Kind::Waiver,
            change,
            verdict,
            fingerprints: sorted(fingerprints),
            principal: principal.into(),
            time,
            expires: Some(expires),
            waiver: Some(waiver),
        }
    }

    /// Check the statement's own rules: the type, a digest, a principal without spaces, sorted
    /// unique fingerprints, an expiry after the time; for a waiver a non-empty reason, an expiry
    /// and at least one of rule, path (a valid glob) or fingerprint; no waiver on an approval.
    pub fn validate(&self) -> Result<(), StatementError> {
        if self.statement_type != STATEMENT_TYPE {
            return Err(StatementError::Type(clip(&self.statement_type, 60)));
        }
        if self.change.digest.trim().is_empty() {
            return Err(StatementError::NoDigest);
        }
        let p = &self.principal;
        if p.is_empty() || p.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(StatementError::Principal(clip(p, 80)));
        }
        if self.fingerprints.windows(2).any(|w| w[0] >= w[1]) {
            return Err(StatementError::UnsortedFingerprints);
        }
        if let Some(e) = self.expires
            && e <= self.time
        {
            return Err(StatementError::ExpiresBeforeTime);
        }
        match (self.kind, &self.waiver) {
            (Kind::Approval, None) => Ok(()),
            (Kind::Approval, Some(_)) => Err(StatementError::WaiverOnApproval),
            (Kind::Waiver, None) => Err(StatementError::WaiverMissing),
            (Kind::Waiver, Some(w)) => {
                if w.reason.trim().is_empty() {
                    return Err(StatementError::WaiverReason);
                }
                if self.expires.is_none() {
                    return Err(StatementError::WaiverExpiry);
                }
                for (name, field) in [
                    ("rule", &w.rule),
                    ("path", &w.path),
                    ("fingerprint", &w.fingerprint),
                ] {
                    if field.as_deref().is_some_and(|f| f.trim().is_empty()) {
                        return Err(StatementError::WaiverEmptyField(name));
                    }
                }
                if w.rule.is_none() && w.path.is_none() && w.fingerprint.is_none() {
                    return Err(StatementError::WaiverScope);
                }
                if let Some(glob) = &w.path
                    && let Err(e) = path_glob(glob)
                {
                    return Err(StatementError::WaiverPath {
                        path: clip(glob, 80),
                        error: e.kind().to_string(),
                    });
                }
                Ok(())
            }
        }
    }
}

fn sorted(fingerprints: impl IntoIterator<Item = String>) -> Vec<String> {
    let set: BTreeSet<String> = fingerprints.into_iter().collect();
    set.into_iter().collect()
}

/// Why a statement breaks its own rules ([`Statement::validate`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// `type` is not [`STATEMENT_TYPE`].
    #[error("the statement type is \"{0}\", not \"idgate-approval/v1\"")]
    Type(String),
    /// The change digest is empty.
    #[error("the statement names no change digest")]
    NoDigest,
    /// The principal is empty or contains whitespace or control characters.
    #[error("the principal \"{0}\" is not a single e-mail address")]
    Principal(String),
    /// The fingerprints are not sorted or repeat.
    #[error("the finding fingerprints are not sorted and unique")]
    UnsortedFingerprints,
    /// `expires` is not after `time`.
    #[error("the statement expires before it was signed")]
    ExpiresBeforeTime,
    /// An approval carries a waiver object.
    #[error("an approval cannot carry a waiver")]
    WaiverOnApproval,
    /// A waiver statement has no waiver object.
    #[error("a waiver statement needs a waiver (rule, path or fingerprint, and a reason)")]
    WaiverMissing,
    /// A waiver has an empty reason.
    #[error("a waiver needs a reason")]
    WaiverReason,
    /// A waiver has no expiry.
    #[error("a waiver needs an expiry")]
    WaiverExpiry,
    /// A waiver sets none of rule, path and fingerprint.
    #[error("a waiver needs at least one of rule, path or fingerprint")]
    WaiverScope,
    /// A waiver field is set but empty.
    #[error("the waiver's {0} is empty (leave it null instead)")]
    WaiverEmptyField(&'static str),
    /// A waiver's path is not a valid glob.
    #[error("the waiver's path \"{path}\" is not a valid glob: {error}")]
    WaiverPath {
        /// The path glob.
        path: String,
        /// Why it does not parse.
        error: String,
    },
}

/// The statement as a JSON value, built field by field (independent of serde attributes and of
/// map ordering features).
fn statement_value(s: &Statement) -> Value {
    json!({
        "type": s.statement_type,
        "kind": s.kind.as_str(),
        "change": {
            "digest": s.change.digest,
            "base": s.change.base,
            "head": s.change.head,
        },
        "verdict": s.verdict.as_str(),
        "fingerprints": s.fingerprints,
        "principal": s.principal,
        "time": s.time,
        "expires": s.expires,
        "waiver": s.waiver.as_ref().map(|w| json!({
            "rule": w.rule,
            "path": w.path,
            "fingerprint": w.fingerprint,
            "reason": w.reason,
        })),
    })
}

/// The canonical JSON encoding of a statement, the bytes that are signed: UTF-8, object keys
/// sorted, no insignificant whitespace, every field present (`null` when unset). See
/// [`canonical_json`] for the exact rules.
pub fn canonical_bytes(statement: &Statement) -> Vec<u8> {
    canonical_json(&statement_value(statement))
}

/// Canonical JSON of any value: object keys sorted by UTF-16 code units (as RFC 8785, JCS; the
/// same as byte order for ASCII keys), no whitespace, strings escaped minimally (`\"`, `\\`,
/// `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`, everything else as
/// UTF-8), numbers as serde_json prints them. For the values idgate signs (strings, integers of
/// magnitude below 2^53, booleans, null, arrays, objects) this is exactly JCS.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(key, out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
    }
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if u32::from(c) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes());
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// A statement with its armored sshsig signature, as stored in the note and the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedStatement {
    /// The statement.
    pub statement: Statement,
    /// The signature, `-----BEGIN SSH SIGNATURE-----` … `-----END SSH SIGNATURE-----`.
    pub signature: String,
}

/// Why [`sign`] could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalError {
    /// The statement breaks its own rules.
    #[error("the statement is not valid: {0}")]
    Statement(#[from] StatementError),
    /// The private key text cannot be read.
    #[error("unreadable private key (expected an OpenSSH private key): {0}")]
    Key(String),
    /// The private key is passphrase-protected.
    #[error("key is passphrase-protected; use ssh-agent or an unencrypted key")]
    Encrypted,
    /// Signing failed (for example a security-key type that cannot sign without its device).
    #[error("cannot sign with this {algorithm} key: {error}")]
    Sign {
        /// The key's algorithm.
        algorithm: String,
        /// What went wrong.
        error: String,
    },
}

/// Read an unencrypted OpenSSH private key (shared with [`crate::attestation`]).
pub(crate) fn read_private_key(text: &str) -> Result<PrivateKey, ApprovalError> {
    let key =
        PrivateKey::from_openssh(text.trim()).map_err(|e| ApprovalError::Key(e.to_string()))?;
    if key.is_encrypted() {
        return Err(ApprovalError::Encrypted);
    }
    Ok(key)
}

/// Sign `statement` (after [`Statement::validate`]) with an unencrypted OpenSSH private key:
/// an sshsig in [`NAMESPACE`] with SHA-512 over [`canonical_bytes`], armored. Ed25519 and ECDSA
/// (P-256, P-384) keys work. Refused, with a clear error: passphrase-protected keys
/// ([`ApprovalError::Encrypted`]; there is no ssh-agent client here) and RSA keys (ssh-key
/// 0.6.7 cannot make RSA signatures); sign with those using `ssh-keygen -Y sign` (see the
/// module docs): [`verify`] accepts RSA (`rsa-sha2-256`/`-512`) signatures.
pub fn sign(
    statement: &Statement,
    private_key_openssh: &str,
) -> Result<SignedStatement, ApprovalError> {
    statement.validate()?;
    let key = read_private_key(private_key_openssh)?;
    if key.key_data().is_rsa() {
        // ssh-key 0.6.7 rebuilds the RSA private key with the prime p twice, so every RSA
        // signature fails; OpenSSH signs such keys fine.
        return Err(ApprovalError::Sign {
            algorithm: key.algorithm().as_str().to_string(),
            error: format!(
                "RSA keys cannot sign here; sign the canonical statement with `ssh-keygen -Y sign -n {NAMESPACE}`, or use an ed25519 or ecdsa key"
            ),
        });
    }
    let sign_error = |e: ssh_key::Error| ApprovalError::Sign {
        algorithm: key.algorithm().as_str().to_string(),
        error: e.to_string(),
    };
    let sig = key
        .sign(NAMESPACE, HashAlg::Sha512, &canonical_bytes(statement))
        .map_err(sign_error)?;
    let signature = sig.to_pem(LineEnding::LF).map_err(sign_error)?;
    Ok(SignedStatement {
        statement: statement.clone(),
        signature,
    })
}

/// A statement whose signature verified and whose key may sign as its principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedApproval {
    /// The principal (the statement's, accepted by the allowed-signers file).
    pub principal: String,
    /// The signing key's fingerprint, `SHA256:…`.
    pub key_fingerprint: String,
}

/// Why a signed statement does not verify. Each displays as one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalProblem {
    /// The signature block cannot be read.
    Unreadable(String),
    /// Signed in another namespace (for example `git`): it was never meant as an approval.
    WrongNamespace {
        /// The namespace found.
        namespace: String,
        /// The key's fingerprint.
        key: String,
    },
    /// An RSA signature with SHA-1 (`ssh-rsa`).
    WeakAlgorithm {
        /// The key's fingerprint.
        key: String,
    },
    /// This build cannot verify the key's algorithm.
    UnsupportedKey {
        /// The algorithm.
        algorithm: String,
        /// The key's fingerprint.
        key: String,
    },
    /// The signature does not match the statement (it was changed after signing, or signed
    /// over other bytes).
    BadSignature {
        /// The key's fingerprint.
        key: String,
    },
    /// The statement breaks its own rules.
    InvalidStatement(StatementError),
    /// The allowed-signers file does not let the key sign as the principal.
    KeyNotAllowed {
        /// The statement's principal.
        principal: String,
        /// The key's fingerprint.
        key: String,
        /// Why not.
        refusal: Refusal,
    },
}

impl fmt::Display for ApprovalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApprovalProblem::Unreadable(why) => write!(f, "the signature is unreadable: {why}"),
            ApprovalProblem::WrongNamespace { namespace, key } => write!(
                f,
                "key {key} signed in namespace \"{namespace}\", not \"{NAMESPACE}\""
            ),
            ApprovalProblem::WeakAlgorithm { key } => write!(
                f,
                "key {key} made an RSA signature with SHA-1 (ssh-rsa), which is not accepted"
            ),
            ApprovalProblem::UnsupportedKey { algorithm, key } => write!(
                f,
                "cannot verify {algorithm} signatures (key {key}; not built in)"
            ),
            ApprovalProblem::BadSignature { key } => write!(
                f,
                "bad signature: the signature by key {key} does not match the statement (changed after signing, or signed over other bytes)"
            ),
            ApprovalProblem::InvalidStatement(e) => write!(f, "the statement is not valid: {e}"),
            ApprovalProblem::KeyNotAllowed {
                principal,
                key,
                refusal,
            } => write!(
                f,
                "key {key} is not allowed to approve as {principal}: {refusal}"
            ),
        }
    }
}

impl std::error::Error for ApprovalProblem {}

/// Verify a signed statement against the allowed-signers file (of the base revision): the
/// signature block is an sshsig in [`NAMESPACE`] by a plain key (certificates are not
/// accepted), it verifies over [`canonical_bytes`] of the statement, the statement is valid,
/// and `signers.authorize(principal, key, NAMESPACE, statement.time)` accepts.
pub fn verify(
    signed: &SignedStatement,
    signers: &AllowedSigners,
) -> Result<VerifiedApproval, ApprovalProblem> {
    let sig = parse_signature(&signed.signature).map_err(ApprovalProblem::Unreadable)?;
    let key = sig.public_key().clone();
    let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
    if sig.namespace() != NAMESPACE {
        return Err(ApprovalProblem::WrongNamespace {
            namespace: clip(sig.namespace(), 60),
            key: fingerprint,
        });
    }
    if let Algorithm::Rsa { hash: None } = sig.algorithm() {
        return Err(ApprovalProblem::WeakAlgorithm { key: fingerprint });
    }
    if !can_verify(&key) {
        return Err(ApprovalProblem::UnsupportedKey {
            algorithm: key.algorithm().as_str().to_string(),
            key: fingerprint,
        });
    }
    let statement = &signed.statement;
    if PublicKey::from(key.clone())
        .verify(NAMESPACE, &canonical_bytes(statement), &sig)
        .is_err()
    {
        return Err(ApprovalProblem::BadSignature { key: fingerprint });
    }
    statement
        .validate()
        .map_err(ApprovalProblem::InvalidStatement)?;
    match signers.authorize(&statement.principal, &key, NAMESPACE, statement.time) {
        Ok(_) => Ok(VerifiedApproval {
            principal: statement.principal.clone(),
            key_fingerprint: fingerprint,
        }),
        Err(refusal) => Err(ApprovalProblem::KeyNotAllowed {
            principal: clip(&statement.principal, 80),
            key: fingerprint,
            refusal,
        }),
    }
}

/// Whether this build can verify signatures by `key`.
fn can_verify(key: &KeyData) -> bool {
    match key {
        KeyData::Ed25519(_) | KeyData::SkEd25519(_) | KeyData::Rsa(_) => true,
        KeyData::SkEcdsaSha2NistP256(_) => true,
        KeyData::Ecdsa(k) => matches!(k.curve(), EcdsaCurve::NistP256 | EcdsaCurve::NistP384),
        _ => false,
    }
}

/// Parse an armored sshsig, tolerating any line wrapping and CRLF line ends (the block is
/// re-wrapped at 70 columns, the width ssh-key expects).
fn parse_signature(block: &str) -> Result<SshSig, String> {
    const BEGIN: &str = "-----BEGIN SSH SIGNATURE-----";
    const END: &str = "-----END SSH SIGNATURE-----";
    let body = idgate_provenance::signature::sshsig_armor_body(block)?;
    if body.is_empty() || !body.is_ascii() {
        return Err("invalid base64".into());
    }
    let mut pem = String::with_capacity(body.len() + body.len() / 70 + 64);
    pem.push_str(BEGIN);
    pem.push('\n');
    // `body` is ASCII, so every 70-byte chunk is valid UTF-8.
    for chunk in body.as_bytes().chunks(70) {
        pem.push_str(&String::from_utf8_lossy(chunk));
        pem.push('\n');
    }
    pem.push_str(END);
    pem.push('\n');
    SshSig::from_pem(&pem).map_err(|e| e.to_string())
}

/// Parse a note's text: one JSON object `{"statement":…,"signature":…}` per line; blank lines
/// are skipped. Returns the readable records, and each unreadable line as (1-based line number,
/// why). Never fails as a whole, never panics.
pub fn parse_note(text: &str) -> (Vec<SignedStatement>, Vec<(usize, String)>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<SignedStatement>(line) {
            Ok(record) => records.push(record),
            Err(e) => problems.push((index + 1, format!("not an idgate approval record: {e}"))),
        }
    }
    (records, problems)
}

/// One note line for a signed statement: canonical JSON, no newline.
pub fn note_line(signed: &SignedStatement) -> String {
    let value = json!({
        "statement": statement_value(&signed.statement),
        "signature": signed.signature,
    });
    String::from_utf8_lossy(&canonical_json(&value)).into_owned()
}

/// The note text with `signed` appended as one line ([`note_line`]) to `existing` (if any),
/// keeping every existing line as it is (a missing final newline is added). A record already
/// present as an identical line is not added again. The result ends with a newline.
pub fn append_to_note(existing: Option<&str>, signed: &SignedStatement) -> String {
    let line = note_line(signed);
    let mut out = existing.unwrap_or_default().to_string();
    if out.split('\n').any(|l| l.trim() == line) {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        return out;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// What [`evaluate`] judges signed statements against.
#[derive(Debug, Clone, Copy)]
pub struct ApprovalContext<'a> {
    /// The kind that counts (approvals for the approval obligation, waivers for waivers).
    pub kind: Kind,
    /// The current change digest.
    pub digest: &'a str,
    /// The current head commit id (for messages; the digest is what binds).
    pub head: &'a str,
    /// The current verdict's finding fingerprints, sorted. An approval must list every one.
    pub fingerprints: &'a [String],
    /// Now, Unix seconds.
    pub now: i64,
    /// The allowed-signers file of the base revision.
    pub signers: &'a AllowedSigners,
    /// OpenSSH pattern-lists (`*`, `?`, `!`) matching the principals of agents' own keys;
    /// matched ASCII case-insensitively. Agents cannot approve.
    pub agent_principals: &'a [String],
    /// E-mail addresses of the change's commit authors and committers; matched ASCII
    /// case-insensitively. Nobody approves their own change.
    pub authors: &'a [String],
    /// Principals allowed to approve (owners of the touched paths, as e-mail addresses; teams
    /// must be resolved by the caller), matched ASCII case-insensitively; `None`: anyone the
    /// allowed-signers file trusts.
    pub owners: Option<&'a BTreeSet<String>>,
}

/// The decision on one signed statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalOutcome {
    /// The statement's principal (as claimed, when the signature did not verify).
    pub principal: String,
    /// The statement's kind.
    pub kind: Kind,
    /// Whether it counts.
    pub counted: bool,
    /// Why it counts or not, one sentence.
    pub reason: String,
    /// The signing key's fingerprint, when the signature could be read.
    pub key_fingerprint: Option<String>,
}

/// Decide, for each signed statement (outcomes in input order), whether it counts for the
/// current change. It counts only if, checked in this order: it verifies ([`verify`]); its kind
/// is `cx.kind`; its digest is the current one; (approvals) it lists every current finding
/// fingerprint; it is not dated more than [`CLOCK_SKEW`] in the future and has not expired
/// (`now < expires`); its principal matches no agent pattern; it is not an author or committer
/// of the change; it is an owner when owners are given; and no earlier statement by the same
/// principal (ASCII case-insensitive) already counted.
pub fn evaluate(signed: &[SignedStatement], cx: &ApprovalContext<'_>) -> Vec<ApprovalOutcome> {
    let mut counted_principals: BTreeSet<String> = BTreeSet::new();
    signed
        .iter()
        .map(|s| {
            let st = &s.statement;
            let principal = clip(&st.principal, 200);
            let (counted, reason, key_fingerprint) = match judge(s, cx) {
                Ok(v) => {
                    if counted_principals.insert(v.principal.to_ascii_lowercase()) {
                        let reason = format!(
                            "{} by {principal} with key {} counts",
                            st.kind, v.key_fingerprint
                        );
                        (true, reason, Some(v.key_fingerprint))
                    } else {
                        let reason = format!(
                            "duplicate: an earlier {} by {principal} already counts",
                            st.kind
                        );
                        (false, reason, Some(v.key_fingerprint))
                    }
                }
                Err((reason, key)) => (false, reason, key),
            };
            ApprovalOutcome {
                principal,
                kind: st.kind,
                counted,
                reason,
                key_fingerprint,
            }
        })
        .collect()
}

type Rejection = (String, Option<String>);

fn judge(s: &SignedStatement, cx: &ApprovalContext<'_>) -> Result<VerifiedApproval, Rejection> {
    let st = &s.statement;
    let verified = verify(s, cx.signers).map_err(|problem| {
        let key = match &problem {
            ApprovalProblem::WrongNamespace { key, .. }
            | ApprovalProblem::WeakAlgorithm { key }
            | ApprovalProblem::UnsupportedKey { key, .. }
            | ApprovalProblem::BadSignature { key }
            | ApprovalProblem::KeyNotAllowed { key, .. } => Some(key.clone()),
            ApprovalProblem::Unreadable(_) | ApprovalProblem::InvalidStatement(_) => None,
        };
        (problem.to_string(), key)
    })?;
    let key = Some(verified.key_fingerprint.clone());
    let reject = |reason: String| Err((reason, key.clone()));
    let principal = verified.principal.as_str();
    if st.kind != cx.kind {
        return reject(format!(
            "{} does not count as {}",
            with_article(st.kind),
            with_article(cx.kind)
        ));
    }
    if st.change.digest != cx.digest {
        return reject(format!(
            "{} is for another change (digest {} at {}; the current change is digest {} at {})",
            st.kind,
            short(&st.change.digest),
            short(&st.change.head),
            short(cx.digest),
            short(cx.head),
        ));
    }
    if st.kind == Kind::Approval {
        let missing: Vec<&str> = cx
            .fingerprints
            .iter()
            .filter(|f| st.fingerprints.binary_search(f).is_err())
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let shown: Vec<String> = missing.iter().take(3).map(|f| short(f)).collect();
            let more = if missing.len() > 3 { ", …" } else { "" };
            return reject(format!(
                "approval does not cover {} current finding(s) ({}{more}); the findings changed since it was signed",
                missing.len(),
                shown.join(", ")
            ));
        }
    }
    if st.time > cx.now.saturating_add(CLOCK_SKEW) {
        return reject(format!(
            "{} is dated {}, in the future",
            st.kind,
            format_utc(st.time)
        ));
    }
    if let Some(expires) = st.expires
        && cx.now >= expires
    {
        return reject(format!("{} expired at {}", st.kind, format_utc(expires)));
    }
    if let Some(pattern) = cx
        .agent_principals
        .iter()
        .find(|p| match_pattern_list(principal, p, true) == PatternMatch::Matched)
    {
        return reject(format!(
            "agents cannot approve: {principal} matches the agent principal pattern \"{}\"",
            clip(pattern, 80)
        ));
    }
    if cx
        .authors
        .iter()
        .any(|a| a.trim().eq_ignore_ascii_case(principal))
    {
        return reject(format!(
            "nobody approves their own change: {principal} authored or committed it"
        ));
    }
    if let Some(owners) = cx.owners
        && !owners
            .iter()
            .any(|o| o.trim().eq_ignore_ascii_case(principal))
    {
        return reject(format!("{principal} is not an owner of the touched paths"));
    }
    Ok(verified)
}

fn with_article(kind: Kind) -> &'static str {
    match kind {
        Kind::Approval => "an approval",
        Kind::Waiver => "a waiver",
    }
}

/// The first 12 characters (for digests and commit ids in messages).
fn short(s: &str) -> String {
    let s: String = s.chars().take(12).collect();
    if s.is_empty() { "(none)".into() } else { s }
}

/// `s` cut to `max` characters, with `…` when cut; control characters replaced.
fn clip(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// Keys and `ssh-keygen` helpers shared by this crate's tests.
#[cfg(test)]
pub(crate) mod testkit {
    use std::io::Write as _;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    use ssh_key::{LineEnding, PrivateKey, private::Ed25519Keypair};

    /// An Ed25519 key made in-process from a fixed seed: (private key text, public key line).
    pub(crate) fn ed25519(seed: u8) -> (String, String) {
        let key = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
        let private = key.to_openssh(LineEnding::LF).expect("encode").to_string();
        let public = key.public_key().to_openssh().expect("encode public");
        (private, public)
    }

    /// Run `ssh-keygen` in `dir`; returns (success, stdout, stderr).
    pub(crate) fn ssh_keygen(
        dir: &Path,
        args: &[&str],
        stdin: Option<&[u8]>,
    ) -> (bool, String, String) {
        let mut child = Command::new("ssh-keygen")
            .current_dir(dir)
            .args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run ssh-keygen (Debian: openssh-client): {e}"));
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input)
                .expect("write stdin");
        }
        let out = child.wait_with_output().expect("wait");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// A key made by `ssh-keygen -q -C name -f dir/name -N passphrase ARGS`: (private key path,
    /// private key text, public key line).
    pub(crate) fn keygen(
        dir: &Path,
        name: &str,
        passphrase: &str,
        args: &[&str],
    ) -> (PathBuf, String, String) {
        let path = dir.join(name);
        let mut all = vec![
            "-q",
            "-C",
            name,
            "-N",
            passphrase,
            "-f",
            path.to_str().expect("utf-8 path"),
        ];
        all.extend_from_slice(args);
        let (ok, out, err) = ssh_keygen(dir, &all, None);
        assert!(ok, "ssh-keygen {all:?} failed:\n{out}\n{err}");
        let private = std::fs::read_to_string(&path).expect("private key");
        let public = std::fs::read_to_string(dir.join(format!("{name}.pub"))).expect("public key");
        (path, private, public.trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::{ed25519, keygen, ssh_keygen};
    use super::*;
    use idgate_provenance::allowed_signers::parse_allowed_signers;

    const T0: i64 = 1_700_000_000;
    const NOW: i64 = T0 + 3600;
    const ALICE: &str = "alice@example.com";
    const BOB: &str = "bob@example.com";
    const DEV: &str = "dev@example.com";
    const AGENT: &str = "claude@agents.example";

    fn digest() -> String {
        "d1".repeat(32)
    }

    fn change() -> ChangeRef {
        ChangeRef {
            digest: digest(),
            base: "a".repeat(40),
            head: "b".repeat(40),
        }
    }

    fn fps() -> Vec<String> {
        vec!["fp-bbb".to_string(), "fp-aaa".to_string()]
    }

    fn approval(principal: &str) -> Statement {
        Statement::approval(change(), Decision::Review, fps(), principal, T0, None)
    }

    fn waiver_scope() -> Waiver {
        Waiver {
            rule: Some("IDG101".into()),
            path: Some("src/auth/**".into()),
            fingerprint: None,
            reason: "legacy endpoint, removed in Q3".into(),
        }
    }

    /// An allowed-signers file with one line per (principals, public key).
    fn signers(lines: &[(&str, &str)]) -> AllowedSigners {
        let text: String = lines
            .iter()
            .map(|(p, k)| format!("{p} namespaces=\"{NAMESPACE}\" {k}\n"))
            .collect();
        let parsed = parse_allowed_signers(&text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed
    }

    struct Setup {
        signers: AllowedSigners,
        fingerprints: Vec<String>,
        agents: Vec<String>,
        authors: Vec<String>,
        digest: String,
    }

    impl Setup {
        fn new(signers: AllowedSigners) -> Setup {
            Setup {
                signers,
                fingerprints: sorted(fps()),
                agents: vec!["*@agents.example".into()],
                authors: vec![DEV.into(), "ci-bot@example.com".into()],
                digest: digest(),
            }
        }

        fn cx(&self) -> ApprovalContext<'_> {
            ApprovalContext {
                kind: Kind::Approval,
                digest: &self.digest,
                head: "c0ffee0000000000000000000000000000000000",
                fingerprints: &self.fingerprints,
                now: NOW,
                signers: &self.signers,
                agent_principals: &self.agents,
                authors: &self.authors,
                owners: None,
            }
        }
    }

    fn one(outcomes: &[ApprovalOutcome]) -> &ApprovalOutcome {
        assert_eq!(outcomes.len(), 1, "{outcomes:?}");
        &outcomes[0]
    }

    #[test]
    fn canonical_bytes_are_exact_and_deterministic() {
        let st = Statement::approval(
            ChangeRef {
                digest: "dig".into(),
                base: "base1".into(),
                head: "head1".into(),
            },
            Decision::Review,
            vec!["b".to_string(), "a".to_string(), "b".to_string()],
            ALICE,
            T0,
            None,
        );
        let expected = r#"{"change":{"base":"base1","digest":"dig","head":"head1"},"expires":null,"fingerprints":["a","b"],"kind":"approval","principal":"alice@example.com","time":1700000000,"type":"idgate-approval/v1","verdict":"review","waiver":null}"#;
        assert_eq!(String::from_utf8(canonical_bytes(&st)).unwrap(), expected);
        assert_eq!(canonical_bytes(&st), canonical_bytes(&st.clone()));
        // The canonical form reads back as the same statement, and re-encodes identically.
        let back: Statement = serde_json::from_slice(&canonical_bytes(&st)).unwrap();
        assert_eq!(back, st);
        // So does serde's own (non-canonical) form.
        let pretty = serde_json::to_string_pretty(&st).unwrap();
        let back: Statement = serde_json::from_str(&pretty).unwrap();
        assert_eq!(canonical_bytes(&back), expected.as_bytes());

        let w = Statement::waiver(
            ChangeRef {
                digest: "dig".into(),
                base: "b".into(),
                head: "h".into(),
            },
            Decision::Block,
            Vec::new(),
            BOB,
            T0,
            T0 + 86_400,
            waiver_scope(),
        );
        let expected = r#"{"change":{"base":"b","digest":"dig","head":"h"},"expires":1700086400,"fingerprints":[],"kind":"waiver","principal":"bob@example.com","time":1700000000,"type":"idgate-approval/v1","verdict":"block","waiver":{"fingerprint":null,"path":"src/auth/**","reason":"legacy endpoint, removed in Q3","rule":"IDG101"}}"#;
        assert_eq!(String::from_utf8(canonical_bytes(&w)).unwrap(), expected);
    }

    #[test]
    fn canonical_json_sorts_keys_and_escapes_minimally() {
        let a: Value = serde_json::from_str(
            r#"{"b":1,"a":[true,null,"x\"\\\n\u0001é/"],"c":{"z":-5,"y":{}}}"#,
        )
        .unwrap();
        let b: Value = serde_json::from_str(
            r#"{"c":{"y":{},"z":-5},"a":[true,null,"x\"\\\n\u0001é/"],"b":1}"#,
        )
        .unwrap();
        let expected =
            "{\"a\":[true,null,\"x\\\"\\\\\\n\\u0001é/\"],\"b\":1,\"c\":{\"y\":{},\"z\":-5}}";
        assert_eq!(String::from_utf8(canonical_json(&a)).unwrap(), expected);
        assert_eq!(canonical_json(&a), canonical_json(&b));
        // Keys sort by UTF-16 code units (JCS): U+1F600 (D83D DE00) before U+E000.
        let v = json!({"\u{e000}": 1, "\u{1f600}": 2, "a": 3});
        assert_eq!(
            String::from_utf8(canonical_json(&v)).unwrap(),
            "{\"a\":3,\"\u{1f600}\":2,\"\u{e000}\":1}"
        );
    }

    #[test]
    fn waiver_validation() {
        let base = || {
            Statement::waiver(
                change(),
                Decision::Review,
                fps(),
                ALICE,
                T0,
                T0 + 60,
                waiver_scope(),
            )
        };
        assert_eq!(base().validate(), Ok(()));

        let mut s = base();
        s.waiver.as_mut().unwrap().reason = "  ".into();
        assert_eq!(s.validate(), Err(StatementError::WaiverReason));

        let mut s = base();
        s.expires = None;
        assert_eq!(s.validate(), Err(StatementError::WaiverExpiry));

        let mut s = base();
        let w = s.waiver.as_mut().unwrap();
        w.rule = None;
        w.path = None;
        w.fingerprint = None;
        assert_eq!(s.validate(), Err(StatementError::WaiverScope));

        let mut s = base();
        s.waiver.as_mut().unwrap().rule = Some(String::new());
        assert_eq!(s.validate(), Err(StatementError::WaiverEmptyField("rule")));

        let mut s = base();
        s.waiver.as_mut().unwrap().path = Some("src/[".into());
        assert!(matches!(
            s.validate(),
            Err(StatementError::WaiverPath { .. })
        ));

        let mut s = base();
        s.waiver = None;
        assert_eq!(s.validate(), Err(StatementError::WaiverMissing));

        let mut s = approval(ALICE);
        s.waiver = Some(waiver_scope());
        assert_eq!(s.validate(), Err(StatementError::WaiverOnApproval));

        let mut s = base();
        s.expires = Some(T0);
        assert_eq!(s.validate(), Err(StatementError::ExpiresBeforeTime));

        let mut s = approval(ALICE);
        s.fingerprints = vec!["b".into(), "a".into()];
        assert_eq!(s.validate(), Err(StatementError::UnsortedFingerprints));

        let mut s = approval("alice @example.com");
        assert!(matches!(s.validate(), Err(StatementError::Principal(_))));
        s.principal = ALICE.into();
        s.statement_type = "idgate-approval/v2".into();
        assert!(matches!(s.validate(), Err(StatementError::Type(_))));

        // sign refuses an invalid statement before touching the key.
        let mut s = base();
        s.waiver.as_mut().unwrap().reason = String::new();
        let err = sign(&s, "not a key").unwrap_err();
        assert_eq!(err, ApprovalError::Statement(StatementError::WaiverReason));
        assert_eq!(
            err.to_string(),
            "the statement is not valid: a waiver needs a reason"
        );
    }

    #[test]
    fn waiver_scope_matching() {
        let w = waiver_scope();
        assert!(w.covers("IDG101", "src/auth/jwt.py", "x"));
        assert!(w.covers("idg101", "src/auth/deep/jwt.py", "x"));
        assert!(!w.covers("IDG102", "src/auth/jwt.py", "x"));
        assert!(!w.covers("IDG101", "lib/auth/jwt.py", "x"));
        let w = Waiver {
            rule: None,
            path: Some("src/*.py".into()),
            fingerprint: Some("fp1".into()),
            reason: "r".into(),
        };
        assert!(w.covers("ANY", "src/a.py", "fp1"));
        assert!(!w.covers("ANY", "src/sub/a.py", "fp1"));
        assert!(!w.covers("ANY", "src/a.py", "fp2"));
        let none = Waiver {
            rule: None,
            path: None,
            fingerprint: None,
            reason: "r".into(),
        };
        assert!(!none.covers("IDG101", "a", "b"));
    }

    #[test]
    fn good_approval_counts_and_round_trips_through_a_note() {
        let (alice_key, alice_pub) = ed25519(1);
        let signed = sign(&approval(ALICE), &alice_key).unwrap();
        assert!(
            signed
                .signature
                .starts_with("-----BEGIN SSH SIGNATURE-----\n")
        );
        let setup = Setup::new(signers(&[(ALICE, &alice_pub)]));
        let v = verify(&signed, &setup.signers).unwrap();
        assert_eq!(v.principal, ALICE);
        assert!(v.key_fingerprint.starts_with("SHA256:"));

        let note = append_to_note(None, &signed);
        assert_eq!(note.lines().count(), 1);
        assert!(note.ends_with('\n'));
        // Appending the same record again changes nothing.
        assert_eq!(append_to_note(Some(&note), &signed), note);
        let (records, problems) = parse_note(&note);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records, vec![signed.clone()]);

        let out = evaluate(&records, &setup.cx());
        let o = one(&out);
        assert!(o.counted, "{o:?}");
        assert_eq!(o.principal, ALICE);
        assert_eq!(o.kind, Kind::Approval);
        assert_eq!(
            o.key_fingerprint.as_deref(),
            Some(v.key_fingerprint.as_str())
        );

        // An owner counts; with owners listed, others do not.
        let owners: BTreeSet<String> = ["Alice@Example.com".to_string()].into();
        let mut cx = setup.cx();
        cx.owners = Some(&owners);
        assert!(one(&evaluate(&records, &cx)).counted);
        let owners: BTreeSet<String> = [BOB.to_string()].into();
        cx.owners = Some(&owners);
        let o = evaluate(&records, &cx);
        assert!(!one(&o).counted);
        assert_eq!(
            one(&o).reason,
            "alice@example.com is not an owner of the touched paths"
        );
    }

    #[test]
    fn notes_report_bad_lines() {
        let (alice_key, _) = ed25519(1);
        let signed = sign(&approval(ALICE), &alice_key).unwrap();
        let good = note_line(&signed);
        let text =
            format!("{good}\n\nnot json\r\n{{\"statement\":{{}},\"signature\":\"x\"}}\n{good}");
        let (records, problems) = parse_note(&text);
        assert_eq!(records.len(), 2);
        let lines: Vec<usize> = problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, vec![3, 4]);
        assert!(problems[0].1.starts_with("not an idgate approval record"));
        // Appending to a note without a final newline keeps the old lines intact.
        let other = sign(&approval(BOB), &ed25519(2).0).unwrap();
        let appended = append_to_note(Some("junk"), &other);
        assert_eq!(appended, format!("junk\n{}\n", note_line(&other)));
        for odd in [
            "",
            "\n\n",
            "{",
            "[]",
            "null",
            "\u{0}",
            "{\"statement\":null}",
        ] {
            let (r, _) = parse_note(odd);
            assert!(r.is_empty());
        }
        // Unknown fields in the signed statement are refused (they would not be signed).
        let mut v: Value = serde_json::from_str(&good).unwrap();
        v["statement"]["extra"] = json!(1);
        let (r, p) = parse_note(&v.to_string());
        assert!(r.is_empty());
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn refusals() {
        let (alice_key, alice_pub) = ed25519(1);
        let (dev_key, dev_pub) = ed25519(2);
        let (agent_key, agent_pub) = ed25519(3);
        let (stranger_key, _) = ed25519(4);
        let setup = Setup::new(signers(&[
            (ALICE, &alice_pub),
            (DEV, &dev_pub),
            ("*@agents.example", &agent_pub),
        ]));
        let cx = setup.cx();
        let reason = |signed: SignedStatement| {
            let out = evaluate(&[signed], &cx);
            let o = one(&out);
            assert!(!o.counted, "{o:?}");
            o.reason.clone()
        };

        // The author's own approval.
        let r = reason(sign(&approval(DEV), &dev_key).unwrap());
        assert_eq!(
            r,
            "nobody approves their own change: dev@example.com authored or committed it"
        );
        // Case does not help.
        let st = approval("DEV@Example.COM");
        let mut setup2 = Setup::new(signers(&[("*@example.com", &dev_pub)]));
        setup2.authors = vec![DEV.into()];
        let out = evaluate(&[sign(&st, &dev_key).unwrap()], &setup2.cx());
        assert!(
            one(&out)
                .reason
                .starts_with("nobody approves their own change")
        );

        // An agent principal.
        let r = reason(sign(&approval(AGENT), &agent_key).unwrap());
        assert!(r.starts_with("agents cannot approve"), "{r}");

        // Another change.
        let mut st = approval(ALICE);
        st.change.digest = "ee".repeat(32);
        let r = reason(sign(&st, &alice_key).unwrap());
        assert!(
            r.starts_with("approval is for another change (digest eeeeeeeeeeee"),
            "{r}"
        );

        // Expired, and dated in the future.
        let mut st = approval(ALICE);
        st.expires = Some(NOW);
        let r = reason(sign(&st, &alice_key).unwrap());
        assert_eq!(r, format!("approval expired at {}", format_utc(NOW)));
        let mut st = approval(ALICE);
        st.time = NOW + CLOCK_SKEW + 1;
        let r = reason(sign(&st, &alice_key).unwrap());
        assert!(r.contains("in the future"), "{r}");

        // A key not in the allowed-signers file.
        let r = reason(sign(&approval(ALICE), &stranger_key).unwrap());
        assert!(r.ends_with("is not allowed to approve as alice@example.com: the key is not in the allowed-signers file"), "{r}");
        // A listed key signing as someone else.
        let r = reason(sign(&approval(BOB), &alice_key).unwrap());
        assert!(
            r.ends_with("the key is listed only for alice@example.com"),
            "{r}"
        );

        // A tampered statement.
        let mut signed = sign(&approval(ALICE), &alice_key).unwrap();
        signed.statement.verdict = Decision::Allow;
        let r = reason(signed.clone());
        assert!(r.starts_with("bad signature"), "{r}");
        assert!(matches!(
            verify(&signed, &setup.signers),
            Err(ApprovalProblem::BadSignature { .. })
        ));
        let mut signed = sign(&approval(ALICE), &alice_key).unwrap();
        signed.statement.fingerprints.pop();
        assert!(reason(signed).starts_with("bad signature"));
        // A tampered signature block.
        let mut signed = sign(&approval(ALICE), &alice_key).unwrap();
        signed.signature = signed.signature.replacen("U1NIU0lH", "U1NIU0lI", 1);
        assert!(reason(signed).starts_with("the signature is unreadable"));

        // A waiver where approvals are counted, and the reverse.
        let w = Statement::waiver(
            change(),
            Decision::Review,
            fps(),
            ALICE,
            T0,
            NOW + 60,
            waiver_scope(),
        );
        let r = reason(sign(&w, &alice_key).unwrap());
        assert_eq!(r, "a waiver does not count as an approval");
        let mut wcx = setup.cx();
        wcx.kind = Kind::Waiver;
        assert!(one(&evaluate(&[sign(&w, &alice_key).unwrap()], &wcx)).counted);

        // Findings changed since signing.
        let mut st = approval(ALICE);
        st.fingerprints = vec!["fp-aaa".into()];
        let r = reason(sign(&st, &alice_key).unwrap());
        assert!(
            r.starts_with("approval does not cover 1 current finding(s) (fp-bbb)"),
            "{r}"
        );
    }

    #[test]
    fn duplicates_count_once() {
        let (alice_key, alice_pub) = ed25519(1);
        let (bob_key, bob_pub) = ed25519(5);
        let setup = Setup::new(signers(&[(ALICE, &alice_pub), (BOB, &bob_pub)]));
        let a1 = sign(&approval(ALICE), &alice_key).unwrap();
        let mut later = approval(ALICE);
        later.time = T0 + 10;
        let a2 = sign(&later, &alice_key).unwrap();
        let b = sign(&approval(BOB), &bob_key).unwrap();
        let out = evaluate(&[a1.clone(), a2, b, a1], &setup.cx());
        let counted: Vec<bool> = out.iter().map(|o| o.counted).collect();
        assert_eq!(counted, vec![true, false, true, false]);
        assert_eq!(
            out[1].reason,
            "duplicate: an earlier approval by alice@example.com already counts"
        );
    }

    #[test]
    fn keys_from_ssh_keygen() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // ECDSA keys sign and verify.
        for (name, bits) in [("p256", "256"), ("p384", "384")] {
            let (_, private, public) = keygen(dir, name, "", &["-t", "ecdsa", "-b", bits]);
            let signed = sign(&approval(ALICE), &private).unwrap();
            let setup = Setup::new(signers(&[(ALICE, &public)]));
            assert!(one(&evaluate(&[signed], &setup.cx())).counted, "{name}");
        }
        // A passphrase-protected key is refused with a clear message.
        let (_, private, _) = keygen(dir, "locked", "correct horse", &["-t", "ed25519"]);
        let err = sign(&approval(ALICE), &private).unwrap_err();
        assert_eq!(err, ApprovalError::Encrypted);
        assert_eq!(err.to_string(), ENCRYPTED_KEY_MESSAGE);
        // Garbage is not a key.
        assert!(matches!(
            sign(&approval(ALICE), "ssh-ed25519 AAAA"),
            Err(ApprovalError::Key(_))
        ));
    }

    #[test]
    fn interoperates_with_ssh_keygen() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let (key_path, private, public) = keygen(dir, "alice", "", &["-t", "ed25519"]);
        let key_path = key_path.to_str().unwrap();
        let setup = Setup::new(signers(&[(ALICE, &public)]));
        let statement = approval(ALICE);
        let bytes = canonical_bytes(&statement);

        // Signed here, verified by OpenSSH: Ed25519 and ECDSA keys.
        let (_, p256_private, p256_public) = keygen(dir, "p256", "", &["-t", "ecdsa", "-b", "256"]);
        for (name, private, public) in [
            ("ed25519", &private, &public),
            ("p256", &p256_private, &p256_public),
        ] {
            let allowed = dir.join(format!("allowed_{name}"));
            std::fs::write(&allowed, format!("{ALICE} {public}\n")).unwrap();
            let allowed = allowed.to_str().unwrap();
            let signed = sign(&statement, private).unwrap();
            let sig_file = format!("ours_{name}.sig");
            std::fs::write(dir.join(&sig_file), &signed.signature).unwrap();
            let args = [
                "-Y", "verify", "-n", NAMESPACE, "-I", ALICE, "-f", allowed, "-s", &sig_file,
            ];
            let (ok, out, err) = ssh_keygen(dir, &args, Some(&bytes));
            assert!(ok, "{name}: ssh-keygen -Y verify failed:\n{out}\n{err}");
            // OpenSSH refuses it over other bytes.
            let (ok, _, _) = ssh_keygen(dir, &args, Some(b"{}"));
            assert!(!ok, "{name}");
        }

        // RSA keys cannot sign here, but their OpenSSH signatures verify.
        let (rsa_path, rsa_private, rsa_public) =
            keygen(dir, "rsa", "", &["-t", "rsa", "-b", "2048"]);
        let err = sign(&statement, &rsa_private).unwrap_err();
        assert!(
            err.to_string()
                .contains("ssh-keygen -Y sign -n idgate-approval"),
            "{err}"
        );
        std::fs::write(dir.join("rsa_statement.json"), &bytes).unwrap();
        let (ok, out, err) = ssh_keygen(
            dir,
            &[
                "-Y",
                "sign",
                "-n",
                NAMESPACE,
                "-f",
                rsa_path.to_str().unwrap(),
                "rsa_statement.json",
            ],
            None,
        );
        assert!(ok, "ssh-keygen -Y sign (rsa) failed:\n{out}\n{err}");
        let signed = SignedStatement {
            statement: statement.clone(),
            signature: std::fs::read_to_string(dir.join("rsa_statement.json.sig")).unwrap(),
        };
        let rsa_setup = Setup::new(signers(&[(ALICE, &rsa_public)]));
        assert!(one(&evaluate(&[signed], &rsa_setup.cx())).counted);

        // Signed by OpenSSH, verified here.
        std::fs::write(dir.join("statement.json"), &bytes).unwrap();
        let (ok, out, err) = ssh_keygen(
            dir,
            &[
                "-Y",
                "sign",
                "-n",
                NAMESPACE,
                "-f",
                key_path,
                "statement.json",
            ],
            None,
        );
        assert!(ok, "ssh-keygen -Y sign failed:\n{out}\n{err}");
        let theirs = std::fs::read_to_string(dir.join("statement.json.sig")).unwrap();
        let signed = SignedStatement {
            statement: statement.clone(),
            signature: theirs.clone(),
        };
        assert_eq!(verify(&signed, &setup.signers).unwrap().principal, ALICE);
        assert!(one(&evaluate(&[signed], &setup.cx())).counted);
        // Also with CRLF line ends and other wrapping.
        let body: String = theirs.lines().filter(|l| !l.starts_with("-----")).collect();
        let rewrapped = format!(
            "-----BEGIN SSH SIGNATURE-----\r\n{}\r\n{}\r\n-----END SSH SIGNATURE-----\r\n",
            &body[..50],
            &body[50..]
        );
        let signed = SignedStatement {
            statement: statement.clone(),
            signature: rewrapped,
        };
        assert!(verify(&signed, &setup.signers).is_ok());

        // Signed by OpenSSH in the git namespace over the same bytes: refused.
        std::fs::remove_file(dir.join("statement.json.sig")).unwrap();
        let (ok, out, err) = ssh_keygen(
            dir,
            &["-Y", "sign", "-n", "git", "-f", key_path, "statement.json"],
            None,
        );
        assert!(ok, "ssh-keygen -Y sign -n git failed:\n{out}\n{err}");
        let signed = SignedStatement {
            statement,
            signature: std::fs::read_to_string(dir.join("statement.json.sig")).unwrap(),
        };
        let problem = verify(&signed, &setup.signers).unwrap_err();
        assert!(
            matches!(&problem, ApprovalProblem::WrongNamespace { namespace, .. } if namespace == "git")
        );
        assert!(
            problem
                .to_string()
                .contains("signed in namespace \"git\", not \"idgate-approval\"")
        );
        let out = evaluate(&[signed], &setup.cx());
        assert!(!one(&out).counted);
    }

    #[test]
    fn odd_signatures_never_panic() {
        let (_, alice_pub) = ed25519(1);
        let setup = Setup::new(signers(&[(ALICE, &alice_pub)]));
        for block in [
            "",
            "-----BEGIN SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\ntrailing",
            "-----BEGIN SSH SIGNATURE-----\né\n-----END SSH SIGNATURE-----",
        ] {
            let signed = SignedStatement {
                statement: approval(ALICE),
                signature: block.into(),
            };
            assert!(
                matches!(
                    verify(&signed, &setup.signers),
                    Err(ApprovalProblem::Unreadable(_))
                ),
                "{block:?}"
            );
            assert!(!one(&evaluate(&[signed], &setup.cx())).counted);
        }
    }
}

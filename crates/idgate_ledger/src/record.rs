//! Records, their kinds and their hashes.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{Error, canonical};

/// The `prev` of the first record: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A verdict on a change set ([`crate::EvaluationBody`]).
    Evaluation,
    /// A signed approval statement.
    Approval,
    /// A signed waiver statement.
    Waiver,
    /// A signature over the ledger's head ([`crate::SealBody`]).
    Seal,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 4] = [Kind::Evaluation, Kind::Approval, Kind::Waiver, Kind::Seal];

    /// The lowercase name, as stored and hashed.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Evaluation => "evaluation",
            Kind::Approval => "approval",
            Kind::Waiver => "waiver",
            Kind::Seal => "seal",
        }
    }

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One record of the ledger.
///
/// Serialised (and exported as JSON Lines) with exactly these fields; see the crate docs for how
/// `hash` is computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Position in the chain, from 1.
    pub seq: u64,
    /// What the record is about.
    pub kind: Kind,
    /// When it was appended, Unix seconds.
    pub time: i64,
    /// The repository the record is about, as the caller named it (`-` for none).
    pub repository: String,
    /// The kind's payload: a JSON object.
    pub body: Value,
    /// The hash of the previous record ([`GENESIS`] for the first).
    pub prev: String,
    /// Lowercase hex SHA-256 of the canonical encoding of the other six fields.
    pub hash: String,
}

impl Record {
    /// The hash a record with these fields has.
    pub fn compute_hash(
        seq: u64,
        kind: Kind,
        time: i64,
        repository: &str,
        body: &Value,
        prev: &str,
    ) -> Result<String, Error> {
        let mut buf = Vec::with_capacity(512);
        hash_input(seq, kind.as_str(), time, repository, body, prev, &mut buf)?;
        Ok(hex(&Sha256::digest(&buf)))
    }

    /// Whether `hash` matches the other fields.
    pub fn hash_is_valid(&self) -> bool {
        Record::compute_hash(
            self.seq,
            self.kind,
            self.time,
            &self.repository,
            &self.body,
            &self.prev,
        )
        .is_ok_and(|h| h == self.hash)
    }

    /// The record as one line of canonical JSON (keys sorted, no whitespace, no newline), as
    /// `ledger export --format jsonl` writes it.
    pub fn to_json_line(&self) -> Result<String, Error> {
        let mut out = Vec::with_capacity(512);
        out.extend_from_slice(b"{\"body\":");
        canonical::write(&self.body, &mut out)?;
        out.extend_from_slice(b",\"hash\":");
        canonical::write_str(&self.hash, &mut out);
        out.extend_from_slice(b",\"kind\":");
        canonical::write_str(self.kind.as_str(), &mut out);
        out.extend_from_slice(b",\"prev\":");
        canonical::write_str(&self.prev, &mut out);
        out.extend_from_slice(b",\"repository\":");
        canonical::write_str(&self.repository, &mut out);
        out.extend_from_slice(format!(",\"seq\":{},\"time\":{}}}", self.seq, self.time).as_bytes());
        Ok(String::from_utf8(out).expect("canonical JSON is UTF-8"))
    }

    /// The verdict of an evaluation record (`allow`, `review`, `block`).
    pub fn verdict(&self) -> Option<&str> {
        if self.kind != Kind::Evaluation {
            return None;
        }
        self.body.get("verdict").and_then(Value::as_str)
    }

    /// The agents named by the provenance of an evaluation record, in order, without repeats.
    pub fn agents(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if self.kind != Kind::Evaluation {
            return out;
        }
        let entries = self.body.get("provenance").and_then(Value::as_array);
        for agent in entries
            .into_iter()
            .flatten()
            .filter_map(|p| p.get("agent").and_then(Value::as_str))
        {
            if !out.contains(&agent) {
                out.push(agent);
            }
        }
        out
    }
}

/// The bytes a record's hash is computed over: the canonical JSON of
/// `{body, kind, prev, repository, seq, time}` (keys in that, sorted, order).
pub(crate) fn hash_input(
    seq: u64,
    kind: &str,
    time: i64,
    repository: &str,
    body: &Value,
    prev: &str,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    out.clear();
    out.extend_from_slice(b"{\"body\":");
    canonical::write(body, out)?;
    out.extend_from_slice(b",\"kind\":");
    canonical::write_str(kind, out);
    out.extend_from_slice(b",\"prev\":");
    canonical::write_str(prev, out);
    out.extend_from_slice(b",\"repository\":");
    canonical::write_str(repository, out);
    out.extend_from_slice(format!(",\"seq\":{seq},\"time\":{time}}}").as_bytes());
    Ok(())
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// The 32 bytes of a lowercase hex SHA-256, if `text` is one.
pub(crate) fn unhex32(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn hash_is_sha256_of_the_canonical_object() {
        let body = json!({"b": 1, "a": "x"});
        let h =
            Record::compute_hash(1, Kind::Approval, 1700000000, "repo", &body, GENESIS).unwrap();
        let text = format!(
            r#"{{"body":{{"a":"x","b":1}},"kind":"approval","prev":"{GENESIS}","repository":"repo","seq":1,"time":1700000000}}"#
        );
        assert_eq!(h, hex(&Sha256::digest(text.as_bytes())));
        let record = Record {
            seq: 1,
            kind: Kind::Approval,
            time: 1700000000,
            repository: "repo".into(),
            body,
            prev: GENESIS.into(),
            hash: h.clone(),
        };
        assert!(record.hash_is_valid());
        let line = record.to_json_line().unwrap();
        let parsed: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(parsed, record);
        assert_eq!(unhex32(&h).map(|b| hex(&b)), Some(h));
        assert_eq!(unhex32("00"), None);
    }
}

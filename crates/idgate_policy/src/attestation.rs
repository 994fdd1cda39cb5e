//! Evidence for auditors: the verdict as an in-toto Statement v1 in a signed DSSE envelope.
//!
//! The statement ([`statement`]):
//!
//! ```json
//! {"_type":"https://in-toto.io/Statement/v1",
//!  "subject":[{"name":"git+commit:<head>","digest":{"gitCommit":"<head>"}}],
//!  "predicateType":"https://idgate.dev/verdict/v1",
//!  "predicate":<the verdict JSON, as the caller passes it>}
//! ```
//!
//! serialized as canonical JSON ([`crate::approval::canonical_json`]) and wrapped in a DSSE
//! envelope ([`Envelope`]: `payloadType` [`PAYLOAD_TYPE`], `payload` standard padded base64,
//! `signatures: [{"keyid": "SHA256:…", "sig": base64}]`). The signature is made over the DSSE
//! pre-authentication encoding ([`pae`]).
//!
//! **Limit:** only Ed25519 SSH keys can sign or verify envelopes here; the signature is the raw
//! 64-byte Ed25519 signature (RFC 8032) over the PAE, which any DSSE verifier with the public key
//! can check. ECDSA and RSA SSH keys are refused ([`AttestationError::UnsupportedKey`]): their
//! SSH signature encodings are not what DSSE verifiers expect. Passphrase-protected keys are
//! refused too (no ssh-agent client).
//!
//! The `keyid` is the key's OpenSSH SHA-256 fingerprint; it is a hint, not authenticated:
//! [`verify_envelope`] accepts the envelope when any signature verifies with the given key.

use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use signature::{Signer, Verifier};
use ssh_key::{Algorithm, HashAlg, PublicKey, Signature};

use crate::approval::{ApprovalError, canonical_json, read_private_key};

/// The in-toto Statement `_type`.
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";

/// The predicate type of an idgate verdict.
pub const PREDICATE_TYPE: &str = "https://idgate.dev/verdict/v1";

/// The DSSE payload type of an in-toto statement.
pub const PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// A DSSE envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The payload type, [`PAYLOAD_TYPE`].
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    /// The serialized statement, base64 (standard alphabet, padded, when written here).
    pub payload: String,
    /// The signatures.
    pub signatures: Vec<EnvelopeSignature>,
}

/// One signature of a DSSE envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeSignature {
    /// The signing key's OpenSSH fingerprint, `SHA256:…` (a hint, not authenticated; empty
    /// when absent).
    #[serde(default)]
    pub keyid: String,
    /// The raw Ed25519 signature over the PAE, base64.
    pub sig: String,
}

/// Why an envelope cannot be made or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttestationError {
    /// The head is not a commit id (40 or 64 hexadecimal digits).
    #[error("\"{0}\" is not a commit id (40 or 64 hexadecimal digits)")]
    Head(String),
    /// The private key cannot be read, or is passphrase-protected.
    #[error("{0}")]
    PrivateKey(ApprovalError),
    /// The public key cannot be read.
    #[error("unreadable public key (expected an OpenSSH public key line): {0}")]
    PublicKey(String),
    /// The key is not an Ed25519 key.
    #[error("DSSE export supports ed25519 keys (this is a {0} key)")]
    UnsupportedKey(String),
    /// Signing failed.
    #[error("cannot sign: {0}")]
    Sign(String),
    /// The envelope's payload type is not [`PAYLOAD_TYPE`].
    #[error("the envelope's payload type is \"{0}\", not \"application/vnd.in-toto+json\"")]
    PayloadType(String),
    /// The payload is not base64.
    #[error("the envelope's {0} is not base64")]
    Base64(&'static str),
    /// The envelope has no signature.
    #[error("the envelope has no signature")]
    Unsigned,
    /// No signature verifies with the key.
    #[error("bad signature: no signature in the envelope verifies with key {0}")]
    BadSignature(String),
    /// The payload is not an idgate in-toto statement.
    #[error("the payload is not an idgate verdict statement: {0}")]
    Statement(String),
}

/// The DSSE v1 pre-authentication encoding: `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP
/// body`, lengths in bytes as ASCII decimal.
pub fn pae(payload_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "DSSEv1 {} {payload_type} {} ",
        payload_type.len(),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The in-toto statement for the verdict on `head` (a commit id; lowercased).
pub fn statement(head: &str, predicate: Value) -> Result<Value, AttestationError> {
    let head = commit_id(head)?;
    Ok(json!({
        "_type": STATEMENT_TYPE,
        "subject": [{
            "name": format!("git+commit:{head}"),
            "digest": { "gitCommit": head },
        }],
        "predicateType": PREDICATE_TYPE,
        "predicate": predicate,
    }))
}

fn commit_id(head: &str) -> Result<String, AttestationError> {
    let h = head.trim();
    if (h.len() == 40 || h.len() == 64) && h.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(h.to_ascii_lowercase())
    } else {
        Err(AttestationError::Head(head.chars().take(80).collect()))
    }
}

/// Make the signed envelope for the verdict `predicate` on commit `head`, with an unencrypted
/// OpenSSH Ed25519 private key.
pub fn envelope(
    head: &str,
    predicate: Value,
    private_key_openssh: &str,
) -> Result<Envelope, AttestationError> {
    let body = canonical_json(&statement(head, predicate)?);
    let key = read_private_key(private_key_openssh).map_err(AttestationError::PrivateKey)?;
    let Some(keypair) = key.key_data().ed25519() else {
        return Err(AttestationError::UnsupportedKey(
            key.algorithm().as_str().to_string(),
        ));
    };
    let sig: Signature = keypair
        .try_sign(&pae(PAYLOAD_TYPE, &body))
        .map_err(|e| AttestationError::Sign(e.to_string()))?;
    Ok(Envelope {
        payload_type: PAYLOAD_TYPE.to_string(),
        payload: Base64::encode_string(&body),
        signatures: vec![EnvelopeSignature {
            keyid: key.fingerprint(HashAlg::Sha256).to_string(),
            sig: Base64::encode_string(sig.as_bytes()),
        }],
    })
}

/// Decode base64 in any alphabet DSSE allows (standard or URL-safe, padded or not).
fn decode(text: &str) -> Option<Vec<u8>> {
    Base64::decode_vec(text)
        .or_else(|_| Base64Unpadded::decode_vec(text))
        .or_else(|_| Base64Url::decode_vec(text))
        .or_else(|_| Base64UrlUnpadded::decode_vec(text))
        .ok()
}

/// Verify an envelope with an OpenSSH Ed25519 public key (`ssh-ed25519 AAAA… [comment]`):
/// the payload type is [`PAYLOAD_TYPE`], some signature verifies over the PAE of the payload,
/// and the payload is an in-toto Statement v1 with predicate type [`PREDICATE_TYPE`]. Returns
/// the statement.
pub fn verify_envelope(
    env: &Envelope,
    public_key_openssh: &str,
) -> Result<Value, AttestationError> {
    if env.payload_type != PAYLOAD_TYPE {
        return Err(AttestationError::PayloadType(
            env.payload_type.chars().take(80).collect(),
        ));
    }
    let key = PublicKey::from_openssh(public_key_openssh.trim())
        .map_err(|e| AttestationError::PublicKey(e.to_string()))?;
    let Some(public) = key.key_data().ed25519() else {
        return Err(AttestationError::UnsupportedKey(
            key.algorithm().as_str().to_string(),
        ));
    };
    let body = decode(&env.payload).ok_or(AttestationError::Base64("payload"))?;
    if env.signatures.is_empty() {
        return Err(AttestationError::Unsigned);
    }
    let message = pae(&env.payload_type, &body);
    let mut verified = false;
    for s in &env.signatures {
        // A signature that is not base64, or not 64 bytes, is skipped like one by another key.
        let Some(sig) = decode(&s.sig).and_then(|raw| Signature::new(Algorithm::Ed25519, raw).ok())
        else {
            continue;
        };
        if public.verify(&message, &sig).is_ok() {
            verified = true;
            break;
        }
    }
    if !verified {
        return Err(AttestationError::BadSignature(
            key.fingerprint(HashAlg::Sha256).to_string(),
        ));
    }
    let statement: Value = serde_json::from_slice(&body)
        .map_err(|e| AttestationError::Statement(format!("not JSON ({e})")))?;
    if statement.get("_type").and_then(Value::as_str) != Some(STATEMENT_TYPE) {
        return Err(AttestationError::Statement(format!(
            "_type is not \"{STATEMENT_TYPE}\""
        )));
    }
    if statement.get("predicateType").and_then(Value::as_str) != Some(PREDICATE_TYPE) {
        return Err(AttestationError::Statement(format!(
            "predicateType is not \"{PREDICATE_TYPE}\""
        )));
    }
    Ok(statement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approval::ENCRYPTED_KEY_MESSAGE;
    use crate::approval::testkit::{ed25519, keygen};

    const HEAD: &str = "0123456789abcdef0123456789abcdef01234567";

    fn verdict() -> Value {
        json!({"decision": "review", "reasons": ["token lifetime raised"], "findings": 2})
    }

    #[test]
    fn pae_matches_the_dsse_spec_example() {
        // DSSE protocol.md, "Test vectors".
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
        );
        assert_eq!(pae("", b""), b"DSSEv1 0  0 ");
        // Lengths are in bytes, not characters.
        assert_eq!(pae("t", "é".as_bytes()), "DSSEv1 1 t 2 é".as_bytes());
    }

    #[test]
    fn statement_shape() {
        let st = statement(&HEAD.to_uppercase(), verdict()).unwrap();
        assert_eq!(
            st,
            json!({
                "_type": "https://in-toto.io/Statement/v1",
                "subject": [{"name": format!("git+commit:{HEAD}"), "digest": {"gitCommit": HEAD}}],
                "predicateType": "https://idgate.dev/verdict/v1",
                "predicate": verdict(),
            })
        );
        assert!(matches!(
            statement("HEAD", verdict()),
            Err(AttestationError::Head(_))
        ));
        assert!(matches!(
            statement(&"g".repeat(40), verdict()),
            Err(AttestationError::Head(_))
        ));
    }

    #[test]
    fn sign_verify_round_trip_and_tampering() {
        let (private, public) = ed25519(7);
        let env = envelope(HEAD, verdict(), &private).unwrap();
        assert_eq!(env.payload_type, PAYLOAD_TYPE);
        assert_eq!(env.signatures.len(), 1);
        assert!(env.signatures[0].keyid.starts_with("SHA256:"));
        assert_eq!(
            Base64::decode_vec(&env.signatures[0].sig).unwrap().len(),
            64
        );
        // Deterministic: Ed25519 signatures and the canonical payload.
        assert_eq!(envelope(HEAD, verdict(), &private).unwrap(), env);

        let st = verify_envelope(&env, &public).unwrap();
        assert_eq!(st["predicate"], verdict());
        assert_eq!(st["subject"][0]["digest"]["gitCommit"], HEAD);

        // JSON form as DSSE tools write it, and back.
        let text = serde_json::to_string(&env).unwrap();
        assert!(text.contains("\"payloadType\":\"application/vnd.in-toto+json\""));
        let back: Envelope = serde_json::from_str(&text).unwrap();
        assert!(verify_envelope(&back, &public).is_ok());

        // Another key.
        let (_, other) = ed25519(8);
        assert!(matches!(
            verify_envelope(&env, &other),
            Err(AttestationError::BadSignature(_))
        ));

        // A changed payload.
        let mut body = Base64::decode_vec(&env.payload).unwrap();
        let text = String::from_utf8(body.clone())
            .unwrap()
            .replace("review", "allow");
        body = text.into_bytes();
        let mut bad = env.clone();
        bad.payload = Base64::encode_string(&body);
        assert!(matches!(
            verify_envelope(&bad, &public),
            Err(AttestationError::BadSignature(_))
        ));

        // A changed payload type (it is signed too).
        let mut bad = env.clone();
        bad.payload_type = "application/json".into();
        assert!(matches!(
            verify_envelope(&bad, &public),
            Err(AttestationError::PayloadType(_))
        ));

        // A changed signature.
        let mut bad = env.clone();
        let mut sig = Base64::decode_vec(&bad.signatures[0].sig).unwrap();
        sig[10] ^= 1;
        bad.signatures[0].sig = Base64::encode_string(&sig);
        assert!(matches!(
            verify_envelope(&bad, &public),
            Err(AttestationError::BadSignature(_))
        ));

        // A short signature, garbage base64, no signatures.
        let mut bad = env.clone();
        bad.signatures[0].sig = Base64::encode_string(&[1, 2, 3]);
        assert!(matches!(
            verify_envelope(&bad, &public),
            Err(AttestationError::BadSignature(_))
        ));
        let mut bad = env.clone();
        bad.signatures[0].sig = "***".into();
        assert!(matches!(
            verify_envelope(&bad, &public),
            Err(AttestationError::BadSignature(_))
        ));
        let mut bad = env.clone();
        bad.payload = "***".into();
        assert_eq!(
            verify_envelope(&bad, &public),
            Err(AttestationError::Base64("payload"))
        );
        let mut bad = env.clone();
        bad.signatures.clear();
        assert_eq!(
            verify_envelope(&bad, &public),
            Err(AttestationError::Unsigned)
        );

        // A forged extra signature next to a good one still verifies (any good signature).
        let mut two = env.clone();
        two.signatures.insert(
            0,
            EnvelopeSignature {
                keyid: String::new(),
                sig: Base64::encode_string(&[0u8; 64]),
            },
        );
        assert!(verify_envelope(&two, &public).is_ok());

        // URL-safe unpadded base64 is accepted on input.
        let mut url = env.clone();
        url.payload = Base64UrlUnpadded::encode_string(&Base64::decode_vec(&env.payload).unwrap());
        assert!(verify_envelope(&url, &public).is_ok());
    }

    #[test]
    fn signed_payload_must_be_an_idgate_statement() {
        // A correctly signed payload that is not our statement type.
        let (private, public) = ed25519(7);
        let key = read_private_key(&private).unwrap();
        let body = br#"{"_type":"https://in-toto.io/Statement/v1","predicateType":"https://slsa.dev/provenance/v1"}"#;
        let sig: Signature = key
            .key_data()
            .ed25519()
            .unwrap()
            .try_sign(&pae(PAYLOAD_TYPE, body))
            .unwrap();
        let env = Envelope {
            payload_type: PAYLOAD_TYPE.into(),
            payload: Base64::encode_string(body),
            signatures: vec![EnvelopeSignature {
                keyid: String::new(),
                sig: Base64::encode_string(sig.as_bytes()),
            }],
        };
        assert!(matches!(
            verify_envelope(&env, &public),
            Err(AttestationError::Statement(_))
        ));
    }

    #[test]
    fn other_keys_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        // ssh-key cannot read an ECDSA key whose private scalar has a leading zero byte (about
        // one key in 128, "length invalid"); draw another key then, as a user would.
        let mut err = None;
        let mut public = String::new();
        for i in 0..8 {
            let (_, private, p) = keygen(
                tmp.path(),
                &format!("p256-{i}"),
                "",
                &["-t", "ecdsa", "-b", "256"],
            );
            public = p;
            let e = envelope(HEAD, verdict(), &private).unwrap_err();
            if !matches!(e, AttestationError::PrivateKey(_)) {
                err = Some(e);
                break;
            }
        }
        let err = err.expect("eight ECDSA keys in a row could not be read");
        assert_eq!(
            err,
            AttestationError::UnsupportedKey("ecdsa-sha2-nistp256".into())
        );
        assert!(
            err.to_string()
                .starts_with("DSSE export supports ed25519 keys")
        );
        let (ok_private, _) = ed25519(7);
        let env = envelope(HEAD, verdict(), &ok_private).unwrap();
        assert!(matches!(
            verify_envelope(&env, &public),
            Err(AttestationError::UnsupportedKey(_))
        ));
        assert!(matches!(
            verify_envelope(&env, "ssh-ed25519 !!!"),
            Err(AttestationError::PublicKey(_))
        ));

        let (_, locked, _) = keygen(tmp.path(), "locked", "secret", &["-t", "ed25519"]);
        let err = envelope(HEAD, verdict(), &locked).unwrap_err();
        assert_eq!(err.to_string(), ENCRYPTED_KEY_MESSAGE);
    }
}

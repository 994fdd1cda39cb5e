//! Seals: an SSH signature over the ledger's head, so a rewritten store is detectable from
//! outside.

use serde::{Deserialize, Serialize};
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::ledger::Entry;
use crate::record::unhex32;
use crate::{Error, Kind, Ledger, Record};

/// The sshsig namespace of seals.
pub const SEAL_NAMESPACE: &str = "idgate-ledger-seal";

/// The body of a `seal` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealBody {
    /// The sequence number of the record sealed: the head when the seal was appended.
    pub head_seq: u64,
    /// Its hash (lowercase hex). The signature covers the 32 bytes this hex spells.
    pub head_hash: String,
    /// Always [`SEAL_NAMESPACE`].
    pub namespace: String,
    /// The signer's public key, OpenSSH format (for reference: trust the key you hold, not
    /// this one).
    pub public_key: String,
    /// Its fingerprint, `SHA256:…`.
    pub fingerprint: String,
    /// The sshsig signature, `-----BEGIN SSH SIGNATURE-----` … `-----END SSH SIGNATURE-----`.
    pub signature: String,
}

impl Ledger {
    /// Append a `seal` record that signs the current head (its hash's 32 bytes, sshsig
    /// namespace [`SEAL_NAMESPACE`], SHA-512) with `private_key_openssh` (an unencrypted
    /// ed25519 or ecdsa key). The head is read and the seal appended in one transaction, so the
    /// seal always covers the record just before it. Publish the returned record (its JSON
    /// line) somewhere the database's operators cannot rewrite.
    ///
    /// # Errors
    /// [`Error::Key`] for an unreadable or encrypted key, [`Error::Sign`], [`Error::Empty`]
    /// when there is nothing to seal.
    pub fn seal(&mut self, private_key_openssh: &str) -> Result<Record, Error> {
        let key = PrivateKey::from_openssh(private_key_openssh).map_err(Error::Key)?;
        if key.is_encrypted() {
            return Err(Error::EncryptedKey);
        }
        let public = key.public_key();
        let public_key = public.to_openssh().map_err(Error::Key)?;
        let fingerprint = public.fingerprint(HashAlg::Sha256).to_string();
        let mut records = self.append_with(&mut |seq, hash| {
            if seq == 0 {
                return Err(Error::Empty);
            }
            let bytes = unhex32(hash).ok_or_else(|| Error::BadRecord {
                seq,
                reason: "its hash is not 64 lowercase hex digits".into(),
            })?;
            let signature = key
                .sign(SEAL_NAMESPACE, HashAlg::Sha512, &bytes)
                .and_then(|s| s.to_pem(LineEnding::LF))
                .map_err(Error::Sign)?;
            let body = SealBody {
                head_seq: seq,
                head_hash: hash.to_string(),
                namespace: SEAL_NAMESPACE.to_string(),
                public_key: public_key.clone(),
                fingerprint: fingerprint.clone(),
                signature,
            };
            Ok(vec![Entry {
                kind: Kind::Seal,
                repository: "-".to_string(),
                body: serde_json::to_value(body).expect("a seal body is plain JSON"),
            }])
        })?;
        Ok(records.pop().expect("a seal appends one record"))
    }

    /// Check a published seal against this ledger: the seal verifies ([`verify_seal`]), the
    /// record it seals is here with the same hash, and the seal record itself is here
    /// unchanged. Run [`Ledger::verify`] too: it checks that everything up to the head chains.
    pub fn check_seal(&mut self, seal: &Record, public_key: &PublicKey) -> Result<SealBody, Error> {
        let body = verify_seal(seal, public_key)?;
        let sealed = self.record(body.head_seq)?;
        if sealed.as_ref().map(|r| r.hash.as_str()) != Some(body.head_hash.as_str()) {
            return Err(Error::SealMismatch(format!(
                "the seal covers record {} with hash {}, but the ledger's record {} is {}",
                body.head_seq,
                body.head_hash,
                body.head_seq,
                sealed.map_or_else(|| "missing".to_string(), |r| format!("hash {}", r.hash))
            )));
        }
        let stored = self.record(seal.seq)?;
        if stored.as_ref() != Some(seal) {
            return Err(Error::SealMismatch(format!(
                "the seal record {} is not in the ledger as published",
                seal.seq
            )));
        }
        Ok(body)
    }
}

/// Verify a seal record on its own: its kind, its own hash, and the signature by
/// `public_key` over the sealed head hash in namespace [`SEAL_NAMESPACE`]. Returns the body.
pub fn verify_seal(record: &Record, public_key: &PublicKey) -> Result<SealBody, Error> {
    if record.kind != Kind::Seal {
        return Err(Error::NotASeal(record.seq));
    }
    if !record.hash_is_valid() {
        return Err(Error::SealMismatch(format!(
            "seal record {} does not match its own hash",
            record.seq
        )));
    }
    let body = SealBody::deserialize(&record.body)
        .map_err(|e| Error::SealMismatch(format!("the seal body cannot be read: {e}")))?;
    if body.head_seq + 1 != record.seq {
        return Err(Error::SealMismatch(format!(
            "seal record {} claims to seal record {}, not the one before it",
            record.seq, body.head_seq
        )));
    }
    let bytes = unhex32(&body.head_hash).ok_or_else(|| {
        Error::SealMismatch("the sealed hash is not 64 lowercase hex digits".into())
    })?;
    let signature = SshSig::from_pem(&body.signature).map_err(Error::SealSignature)?;
    public_key
        .verify(SEAL_NAMESPACE, &bytes, &signature)
        .map_err(Error::SealSignature)?;
    Ok(body)
}

//! Commit signature checks: SSH (sshsig) signatures against an allowed-signers file, and, with
//! the `openpgp` feature, OpenPGP signatures against a keyring of armored public keys.
//!
//! A signature only counts as [`SignatureStatus::Verified`] when it is cryptographically valid
//! over the commit's signed payload **and** the trusted key belongs to the **committer's e-mail
//! address** (git itself does not check the second part: it only asks whether *some* principal
//! owns the key). Key validity windows are judged at the committer time recorded in the commit,
//! as git does (`-Overify-time`); that time is chosen by the signer, so a signer holding an
//! expired key can back-date a commit into the window. There is no trusted timestamp in sshsig.
//!
//! Outcomes:
//! - no `gpgsig` header: [`SignatureStatus::None`];
//! - SSH, valid, key listed for the committer e-mail in the `git` namespace at the commit time:
//!   `Verified` (`principal` = the committer e-mail, `key` = `SHA256:…`, `matches_committer` =
//!   `Some(true)`);
//! - SSH, valid, no allowed-signers file given: `Unverified` ("no allowed-signers file");
//! - SSH, anything else (unreadable, wrong namespace, payload does not match, SHA-1 RSA, unknown
//!   key, key listed for other principals, outside its window, namespace not allowed by the
//!   line, failing certificate): `Bad`, with the reason;
//! - SSH with an algorithm this build cannot verify (`ecdsa-sha2-nistp521`, `ssh-dss`, unknown
//!   types): `Unverified`;
//! - OpenPGP without the `openpgp` feature: `Unverified` ("OpenPGP verification not built in
//!   (feature openpgp)"); with it, see `check_signature_with_keyring`;
//! - X.509 (gpgsm, smimesign, gitsign): `Unverified` ("X.509/gitsign signatures are not verified
//!   offline");
//! - any other block: `Bad`.
//!
//! SSH certificates: a signature made with an OpenSSH user certificate (git with
//! `user.signingKey` pointing at a `*-cert.pub` file) is verified with the certificate's key, and
//! authorised through a `cert-authority` line for the certificate's CA (see
//! [`AllowedSigners::authorize_certificate`]). ssh-key 0.6.7's `SshSig` cannot hold a
//! certificate, so this module reads such signatures itself; it then requires the sshsig
//! `reserved` field to be empty (OpenSSH always writes it empty).
//!
//! Nothing here panics on any input.

use idgate_core::{Commit, SignatureFormat, SignatureInfo, SignatureStatus};
use ssh_key::{
    Algorithm, Certificate, EcdsaCurve, HashAlg, PublicKey, Signature, SshSig, public::KeyData,
};

use crate::allowed_signers::{AllowedSigners, Refusal, format_utc};

#[cfg(feature = "openpgp")]
pub use self::openpgp::OpenPgpKeyring;

/// The sshsig namespace git signs commits in.
pub const GIT_NAMESPACE: &str = "git";

/// The format of a signature block, from its first (armor) line.
pub fn detect_format(block: &str) -> SignatureFormat {
    let first = block.lines().map(str::trim).find(|l| !l.is_empty());
    match first {
        Some("-----BEGIN SSH SIGNATURE-----") => SignatureFormat::Ssh,
        Some("-----BEGIN PGP SIGNATURE-----") => SignatureFormat::Openpgp,
        Some("-----BEGIN SIGNED MESSAGE-----") => SignatureFormat::X509,
        _ => SignatureFormat::Unknown,
    }
}

/// Check a commit's signature against an allowed-signers file (SSH signatures). OpenPGP
/// signatures come out `Unverified` here; use `check_signature_with_keyring` (feature
/// `openpgp`) to verify them. See the module docs for every outcome.
pub fn check_signature(commit: &Commit, signers: Option<&AllowedSigners>) -> SignatureInfo {
    check(commit, signers, &|_, _| {
        unverified(
            SignatureFormat::Openpgp,
            None,
            if cfg!(feature = "openpgp") {
                "no OpenPGP keyring"
            } else {
                "OpenPGP verification not built in (feature openpgp)"
            },
        )
    })
}

/// Check a commit's signature: SSH signatures against `signers`, OpenPGP signatures against
/// `keyring` (feature `openpgp`).
///
/// An OpenPGP signature is `Verified` when it is a binary or text data signature with a hash of
/// at least SHA-224 strength (MD5, SHA-1 and RIPEMD-160 are refused), it verifies over the
/// signed payload with a key of the keyring (the primary key, or a subkey bound with the signing
/// flag and a valid back-signature), that key and the certificate are neither revoked nor expired
/// at the committer time, the signature itself has not expired by then, and a user ID with a
/// valid self-certification has an e-mail address equal (ASCII case-insensitive) to the committer
/// e-mail. `key` is the signing (sub)key's fingerprint in upper-case hex. Without a keyring,
/// OpenPGP signatures are `Unverified` ("no OpenPGP keyring").
#[cfg(feature = "openpgp")]
pub fn check_signature_with_keyring(
    commit: &Commit,
    signers: Option<&AllowedSigners>,
    keyring: Option<&OpenPgpKeyring>,
) -> SignatureInfo {
    check(commit, signers, &|block, payload| match keyring {
        None => unverified(SignatureFormat::Openpgp, None, "no OpenPGP keyring"),
        Some(keyring) => openpgp::verify(block, payload, &commit.committer, keyring),
    })
}

type OpenPgpCheck<'a> = dyn Fn(&str, &[u8]) -> SignatureInfo + 'a;

fn check(
    commit: &Commit,
    signers: Option<&AllowedSigners>,
    openpgp: &OpenPgpCheck<'_>,
) -> SignatureInfo {
    let Some(block) = commit.signature.as_deref() else {
        return SignatureInfo::none();
    };
    let format = detect_format(block);
    if format == SignatureFormat::Unknown {
        let first = block.lines().map(str::trim).find(|l| !l.is_empty());
        let reason = match first {
            None => "empty signature block".to_string(),
            Some(line) => format!(
                "unrecognised signature block starting \"{}\"",
                clip(line, 60)
            ),
        };
        return bad(SignatureFormat::Unknown, None, reason);
    }
    if format == SignatureFormat::X509 {
        return unverified(
            format,
            None,
            "X.509/gitsign signatures are not verified offline",
        );
    }
    let Some(payload) = commit.signed_payload.as_deref() else {
        return bad(format, None, "the signed payload of the commit is missing");
    };
    match format {
        SignatureFormat::Ssh => check_ssh(block, payload, commit, signers),
        _ => openpgp(block, payload),
    }
}

fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out.chars().filter(|c| !c.is_control()).collect()
}

fn info(
    status: SignatureStatus,
    format: SignatureFormat,
    key: Option<String>,
    reason: Option<String>,
) -> SignatureInfo {
    SignatureInfo {
        status,
        format: Some(format),
        principal: None,
        key,
        matches_committer: None,
        reason,
    }
}

fn bad(format: SignatureFormat, key: Option<String>, reason: impl Into<String>) -> SignatureInfo {
    info(SignatureStatus::Bad, format, key, Some(reason.into()))
}

fn unverified(
    format: SignatureFormat,
    key: Option<String>,
    reason: impl Into<String>,
) -> SignatureInfo {
    info(
        SignatureStatus::Unverified,
        format,
        key,
        Some(reason.into()),
    )
}

/// The key that made an SSH signature.
enum SshSigner {
    /// A plain public key.
    Plain,
    /// An OpenSSH certificate (the signature's key is the certificate's key).
    Certificate(Box<Certificate>),
}

fn sha256(key: &KeyData) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

fn check_ssh(
    block: &str,
    payload: &[u8],
    commit: &Commit,
    signers: Option<&AllowedSigners>,
) -> SignatureInfo {
    const F: SignatureFormat = SignatureFormat::Ssh;
    let (sig, signer) = match parse_sshsig(block) {
        Ok(parsed) => parsed,
        Err(why) => return bad(F, None, format!("unreadable SSH signature: {why}")),
    };
    let key = sig.public_key().clone();
    let fingerprint = sha256(&key);
    let fp = Some(fingerprint.clone());
    if sig.namespace() != GIT_NAMESPACE {
        return bad(
            F,
            fp,
            format!(
                "signed in namespace \"{}\", not \"{GIT_NAMESPACE}\"",
                clip(sig.namespace(), 60)
            ),
        );
    }
    if let Algorithm::Rsa { hash: None } = sig.algorithm() {
        return bad(F, fp, "RSA signature with SHA-1 (ssh-rsa) is not accepted");
    }
    if !can_verify(&key) {
        return unverified(
            F,
            fp,
            format!(
                "cannot verify {} signatures (not built in)",
                key.algorithm().as_str()
            ),
        );
    }
    if let Err(e) = PublicKey::from(key.clone()).verify(GIT_NAMESPACE, payload, &sig) {
        return bad(
            F,
            fp,
            format!("the signature does not match the commit ({e})"),
        );
    }
    let Some(signers) = signers else {
        return unverified(F, fp, "no allowed-signers file");
    };
    let email = commit.committer.email.as_str();
    let time = commit.committer.time;
    let outcome = match &signer {
        SshSigner::Plain => signers.authorize(email, &key, GIT_NAMESPACE, time),
        SshSigner::Certificate(cert) => {
            signers.authorize_certificate(email, cert, GIT_NAMESPACE, time)
        }
    };
    let mut out = info(SignatureStatus::Bad, F, fp, None);
    match outcome {
        Ok(_) => {
            out.status = SignatureStatus::Verified;
            out.principal = Some(email.to_string());
            out.matches_committer = Some(true);
        }
        Err(Refusal::UnknownKey) => {
            out.reason = Some(match &signer {
                SshSigner::Plain => {
                    format!("key {fingerprint} is not in the allowed-signers file")
                }
                SshSigner::Certificate(cert) => format!(
                    "key {fingerprint} has a certificate by CA {}, which is not a cert-authority in the allowed-signers file",
                    sha256(cert.signature_key())
                ),
            });
        }
        Err(Refusal::OtherPrincipals(principals)) => {
            let listed = principals.join(", ");
            out.reason = Some(match &signer {
                SshSigner::Plain => {
                    format!("key belongs to {listed}, not the committer {email}")
                }
                SshSigner::Certificate(cert) => format!(
                    "key's certificate CA {} is trusted for {listed}, not the committer {email}",
                    sha256(cert.signature_key())
                ),
            });
            out.principal = Some(listed);
            out.matches_committer = Some(false);
        }
        Err(Refusal::Namespace { allowed, line, .. }) => {
            out.reason = Some(format!(
                "key {fingerprint} may not sign in namespace \"{GIT_NAMESPACE}\" (allowed-signers line {line}: namespaces=\"{allowed}\")"
            ));
            out.principal = Some(email.to_string());
            out.matches_committer = Some(true);
        }
        Err(Refusal::OutsideWindow {
            time,
            valid_after,
            valid_before,
            line,
        }) => {
            let state = match valid_after {
                Some(a) if time < a => "not yet valid",
                _ => "expired",
            };
            let window: Vec<String> = [
                valid_after.map(|a| format!("valid-after {}", format_utc(a))),
                valid_before.map(|b| format!("valid-before {}", format_utc(b))),
            ]
            .into_iter()
            .flatten()
            .collect();
            out.reason = Some(format!(
                "key {fingerprint} is {state} at the commit time {} (allowed-signers line {line}: {})",
                format_utc(time),
                window.join(", ")
            ));
            out.principal = Some(email.to_string());
            out.matches_committer = Some(true);
        }
        Err(Refusal::Certificate(why)) => {
            out.reason = Some(format!("key {fingerprint}: {why}"));
        }
    }
    out
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

/// Parse an sshsig block: with ssh-key when it can (plain keys, 70-column wrapping), else with
/// the reader below (certificates, other wrapping).
fn parse_sshsig(block: &str) -> Result<(SshSig, SshSigner), String> {
    let trimmed = block.trim();
    if let Ok(sig) = SshSig::from_pem(trimmed) {
        return Ok((sig, SshSigner::Plain));
    }
    let raw = RawSshSig::from_armor(trimmed)?;
    let (key, signer) = if read_string(&mut raw.public_key.as_slice())
        .is_some_and(|alg| alg.ends_with(b"-cert-v01@openssh.com"))
    {
        let cert = Certificate::from_bytes(&raw.public_key)
            .map_err(|e| format!("bad certificate in the signature: {e}"))?;
        (
            cert.public_key().clone(),
            SshSigner::Certificate(Box::new(cert)),
        )
    } else {
        let key = PublicKey::from_bytes(&raw.public_key)
            .map_err(|e| format!("bad public key in the signature: {e}"))?;
        (key.key_data().clone(), SshSigner::Plain)
    };
    let hash: HashAlg = raw
        .hash_alg
        .parse()
        .map_err(|_| format!("unsupported hash algorithm \"{}\"", clip(&raw.hash_alg, 40)))?;
    if read_string(&mut raw.signature.as_slice()).is_some_and(|alg| alg == b"ssh-rsa") {
        return Err("RSA signature with SHA-1 (ssh-rsa) is not accepted".into());
    }
    let signature = Signature::try_from(raw.signature.as_slice())
        .map_err(|e| format!("bad signature field: {e}"))?;
    if !raw.reserved.is_empty() {
        return Err("a non-empty reserved field is not supported".into());
    }
    let sig = SshSig::new(key, raw.namespace, hash, signature)
        .map_err(|e| format!("bad signature: {e}"))?;
    Ok((sig, signer))
}

/// The base64 body of an armored sshsig (`-----BEGIN SSH SIGNATURE-----` … `END`), with any line
/// wrapping and CRLF line ends removed. Shared by commit signatures and approvals.
pub fn sshsig_armor_body(block: &str) -> Result<String, String> {
    let mut lines = block.lines().map(str::trim).filter(|l| !l.is_empty());
    if lines.next() != Some("-----BEGIN SSH SIGNATURE-----") {
        return Err("missing BEGIN SSH SIGNATURE line".into());
    }
    let mut body = String::new();
    let mut ended = false;
    for line in lines.by_ref() {
        if line == "-----END SSH SIGNATURE-----" {
            ended = true;
            break;
        }
        body.push_str(line);
    }
    if !ended {
        return Err("missing END SSH SIGNATURE line".into());
    }
    if lines.next().is_some() {
        return Err("text after the END line".into());
    }
    Ok(body)
}

/// The fields of an sshsig blob (PROTOCOL.sshsig), read without interpreting the key.
struct RawSshSig {
    public_key: Vec<u8>,
    namespace: String,
    reserved: Vec<u8>,
    hash_alg: String,
    signature: Vec<u8>,
}

impl RawSshSig {
    fn from_armor(block: &str) -> Result<RawSshSig, String> {
        let body = sshsig_armor_body(block)?;
        let blob = base64_decode(&body).ok_or("invalid base64")?;
        let mut r = blob.as_slice();
        let magic = r.get(..6).ok_or("truncated")?;
        if magic != b"SSHSIG" {
            return Err("not an sshsig blob (bad magic)".into());
        }
        r = &r[6..];
        let version = read_u32(&mut r).ok_or("truncated")?;
        if version != 1 {
            return Err(format!("unsupported sshsig version {version}"));
        }
        let public_key = read_string(&mut r).ok_or("truncated public key")?.to_vec();
        let namespace = read_string(&mut r).ok_or("truncated namespace")?;
        let namespace = String::from_utf8(namespace.to_vec()).map_err(|_| "namespace not UTF-8")?;
        if namespace.is_empty() {
            return Err("empty namespace".into());
        }
        let reserved = read_string(&mut r)
            .ok_or("truncated reserved field")?
            .to_vec();
        let hash_alg = read_string(&mut r).ok_or("truncated hash algorithm")?;
        let hash_alg = String::from_utf8_lossy(hash_alg).into_owned();
        let signature = read_string(&mut r).ok_or("truncated signature")?.to_vec();
        if !r.is_empty() {
            return Err("trailing data after the signature".into());
        }
        Ok(RawSshSig {
            public_key,
            namespace,
            reserved,
            hash_alg,
            signature,
        })
    }
}

fn read_u32(r: &mut &[u8]) -> Option<u32> {
    let bytes: [u8; 4] = r.get(..4)?.try_into().ok()?;
    *r = &r[4..];
    Some(u32::from_be_bytes(bytes))
}

fn read_string<'a>(r: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = usize::try_from(read_u32(r)?).ok()?;
    let s = r.get(..len)?;
    *r = &r[len..];
    Some(s)
}

/// Decode standard base64 (with optional `=` padding; no whitespace inside).
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover sextet cannot encode a byte.
    if bits >= 6 {
        return None;
    }
    Some(out)
}

#[cfg(feature = "openpgp")]
mod openpgp {
    //! OpenPGP verification with rPGP.

    use idgate_core::{Identity, SignatureFormat, SignatureInfo, SignatureStatus};
    use pgp::composed::{Deserializable, DetachedSignature, SignedPublicKey, SignedPublicSubKey};
    use pgp::crypto::hash::HashAlgorithm;
    use pgp::packet::{Signature, SignatureType};
    use pgp::types::{KeyDetails, Tag};

    use super::{bad, clip, info};
    use crate::allowed_signers::format_utc;

    const F: SignatureFormat = SignatureFormat::Openpgp;
    const BEGIN: &str = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    const END: &str = "-----END PGP PUBLIC KEY BLOCK-----";

    /// Trusted OpenPGP public keys: the e-mail addresses of a key's user IDs say whose it is.
    ///
    /// Built from armored public key blocks (`gpg --armor --export`), any number, concatenated.
    /// Only self-signatures count: third-party certifications are ignored, a user ID needs a valid
    /// self-certification (and is dropped when its newest valid self-signature is a
    /// revocation), a subkey signs only when its newest valid binding signature has the signing
    /// flag and a valid back-signature. Limits: key usage flags of the primary key are not
    /// checked; designated revokers and revocation certificates held elsewhere are unknown.
    #[derive(Debug, Clone, Default)]
    pub struct OpenPgpKeyring {
        keys: Vec<TrustedKey>,
        /// What could not be read, one sentence each (bad blocks, unparsable keys).
        pub problems: Vec<String>,
    }

    #[derive(Debug, Clone)]
    struct TrustedKey {
        key: SignedPublicKey,
        emails: Vec<String>,
        revoked: bool,
        expires: Option<i64>,
        subkeys: Vec<TrustedSubkey>,
    }

    #[derive(Debug, Clone)]
    struct TrustedSubkey {
        key: SignedPublicSubKey,
        can_sign: bool,
        revoked: bool,
        expires: Option<i64>,
    }

    impl OpenPgpKeyring {
        /// Read armored public key blocks. Never fails: what cannot be read is listed in
        /// [`OpenPgpKeyring::problems`].
        pub fn parse(text: &str) -> OpenPgpKeyring {
            let mut ring = OpenPgpKeyring::default();
            let mut rest = text;
            let mut blocks = 0;
            while let Some(start) = rest.find(BEGIN) {
                let from = &rest[start..];
                let Some(end) = from.find(END) else {
                    ring.problems
                        .push(format!("public key block {} has no END line", blocks + 1));
                    break;
                };
                let block = &from[..end + END.len()];
                rest = &from[end + END.len()..];
                blocks += 1;
                match SignedPublicKey::from_string_many(block) {
                    Ok((keys, _)) => {
                        for key in keys {
                            match key {
                                Ok(key) => ring.keys.push(TrustedKey::new(key)),
                                Err(e) => ring
                                    .problems
                                    .push(format!("public key block {blocks}: {e}")),
                            }
                        }
                    }
                    Err(e) => ring
                        .problems
                        .push(format!("public key block {blocks}: {e}")),
                }
            }
            if blocks == 0 && ring.problems.is_empty() && !text.trim().is_empty() {
                ring.problems
                    .push("no armored OpenPGP public key block found".into());
            }
            ring
        }

        /// Number of keys read.
        pub fn len(&self) -> usize {
            self.keys.len()
        }

        /// Whether no key was read.
        pub fn is_empty(&self) -> bool {
            self.keys.is_empty()
        }

        /// The primary-key fingerprints (upper-case hex) with their trusted e-mail addresses.
        pub fn keys(&self) -> Vec<(String, Vec<String>)> {
            self.keys
                .iter()
                .map(|k| (hex(&k.key.primary_key.fingerprint()), k.emails.clone()))
                .collect()
        }
    }

    fn hex(fp: &pgp::types::Fingerprint) -> String {
        format!("{fp:X}")
    }

    fn secs(ts: Option<pgp::types::Timestamp>) -> i64 {
        ts.map_or(0, |t| i64::from(t.as_secs()))
    }

    /// The expiry of a key created at `created` per its newest self-signature.
    fn expiry(created: i64, newest: Option<&Signature>) -> Option<i64> {
        let d = newest?.key_expiration_time()?;
        let d = i64::from(d.as_secs());
        (d > 0).then(|| created.saturating_add(d))
    }

    fn newest<'a>(sigs: impl Iterator<Item = &'a Signature>) -> Option<&'a Signature> {
        sigs.max_by_key(|s| secs(s.created()))
    }

    impl TrustedKey {
        fn new(key: SignedPublicKey) -> TrustedKey {
            let primary = &key.primary_key;
            let revoked = key
                .details
                .revocation_signatures
                .iter()
                .any(|s| s.verify_key(primary).is_ok());
            let mut emails = Vec::new();
            let mut self_sigs: Vec<&Signature> = key
                .details
                .direct_signatures
                .iter()
                .filter(|s| s.verify_key(primary).is_ok())
                .collect();
            for user in &key.details.users {
                let valid: Vec<&Signature> = user
                    .signatures
                    .iter()
                    .filter(|s| {
                        s.verify_certification(primary, Tag::UserId, &user.id)
                            .is_ok()
                    })
                    .collect();
                let Some(last) = newest(valid.iter().copied()) else {
                    continue;
                };
                if last.typ() == Some(SignatureType::CertRevocation) {
                    continue;
                }
                self_sigs.extend(
                    valid
                        .iter()
                        .copied()
                        .filter(|s| s.typ() != Some(SignatureType::CertRevocation)),
                );
                if let Some(email) = email_of(user.id.id()) {
                    emails.push(email);
                }
            }
            let created = i64::from(primary.created_at().as_secs());
            let expires = expiry(created, newest(self_sigs.into_iter()));
            let subkeys = key
                .public_subkeys
                .iter()
                .map(|sub| TrustedSubkey::new(primary, sub))
                .collect();
            TrustedKey {
                key,
                emails,
                revoked,
                expires,
                subkeys,
            }
        }
    }

    impl TrustedSubkey {
        fn new(primary: &pgp::packet::PublicKey, sub: &SignedPublicSubKey) -> TrustedSubkey {
            let valid: Vec<&Signature> = sub
                .signatures
                .iter()
                .filter(|s| s.verify_subkey_binding(primary, &sub.key).is_ok())
                .collect();
            let revoked = valid
                .iter()
                .any(|s| s.typ() == Some(SignatureType::SubkeyRevocation));
            let binding = newest(
                valid
                    .iter()
                    .copied()
                    .filter(|s| s.typ() == Some(SignatureType::SubkeyBinding)),
            );
            let can_sign = binding.is_some_and(|b| {
                b.key_flags().sign()
                    && b.embedded_signature().is_some_and(|back| {
                        back.verify_primary_key_binding(&sub.key, primary).is_ok()
                    })
            });
            let created = i64::from(sub.key.created_at().as_secs());
            TrustedSubkey {
                key: sub.clone(),
                can_sign,
                revoked,
                expires: expiry(created, binding),
            }
        }
    }

    /// The e-mail address of a user ID: the text in the last `<…>`, or the whole ID when it is a
    /// bare address.
    fn email_of(id: &[u8]) -> Option<String> {
        let id = String::from_utf8_lossy(id);
        let id = id.trim();
        if let (Some(open), Some(close)) = (id.rfind('<'), id.rfind('>'))
            && open < close
        {
            let inner = id[open + 1..close].trim();
            return inner.contains('@').then(|| inner.to_string());
        }
        (id.contains('@') && !id.contains(char::is_whitespace)).then(|| id.to_string())
    }

    enum Which<'a> {
        Primary,
        Sub(&'a TrustedSubkey),
    }

    /// Verify an armored detached OpenPGP signature over `payload` for `committer`.
    pub(super) fn verify(
        block: &str,
        payload: &[u8],
        committer: &Identity,
        keyring: &OpenPgpKeyring,
    ) -> SignatureInfo {
        let sigs: Vec<DetachedSignature> = match DetachedSignature::from_string_many(block.trim()) {
            Ok((it, _)) => match it.collect::<Result<Vec<_>, _>>() {
                Ok(s) => s,
                Err(e) => return bad(F, None, format!("unreadable OpenPGP signature: {e}")),
            },
            Err(e) => return bad(F, None, format!("unreadable OpenPGP signature: {e}")),
        };
        let [sig] = sigs.as_slice() else {
            return bad(
                F,
                None,
                format!("expected one OpenPGP signature, found {}", sigs.len()),
            );
        };
        let sig = &sig.signature;
        let issuer = sig
            .issuer_fingerprint()
            .first()
            .map(|f| hex(f))
            .or_else(|| {
                sig.issuer_key_id()
                    .first()
                    .map(|k| k.to_string().to_uppercase())
            });
        if !matches!(sig.typ(), Some(SignatureType::Binary | SignatureType::Text)) {
            return bad(F, issuer, "not an OpenPGP data signature");
        }
        match sig.hash_alg() {
            Some(
                HashAlgorithm::Md5
                | HashAlgorithm::Sha1
                | HashAlgorithm::Ripemd160
                | HashAlgorithm::None,
            )
            | None => {
                let name = sig
                    .hash_alg()
                    .map_or_else(|| "unknown".to_string(), |h| h.to_string());
                return bad(F, issuer, format!("weak or unknown hash algorithm {name}"));
            }
            Some(_) => {}
        }
        let ids = sig.issuer_key_id();
        let fps = sig.issuer_fingerprint();
        let names = |k: &dyn KeyDetails| {
            (ids.is_empty() && fps.is_empty())
                || ids.iter().any(|&id| *id == k.legacy_key_id())
                || fps.iter().any(|&fp| *fp == k.fingerprint())
        };
        let mut candidates: Vec<(&TrustedKey, Which<'_>)> = Vec::new();
        for key in &keyring.keys {
            if names(&key.key.primary_key) {
                candidates.push((key, Which::Primary));
            }
            for sub in &key.subkeys {
                if names(&sub.key) {
                    candidates.push((key, Which::Sub(sub)));
                }
            }
        }
        if candidates.is_empty() {
            let who = issuer.clone().unwrap_or_else(|| "(no issuer)".into());
            return bad(
                F,
                issuer,
                format!("key {who} is not in the OpenPGP keyring"),
            );
        }
        let mut last_error = String::new();
        for (key, which) in candidates {
            let result = match which {
                Which::Primary => sig.verify(&key.key.primary_key, payload),
                Which::Sub(sub) => sig.verify(&sub.key, payload),
            };
            match result {
                Ok(()) => return judge(sig, key, &which, committer),
                Err(e) => last_error = e.to_string(),
            }
        }
        bad(
            F,
            issuer,
            format!(
                "the signature does not match the commit ({})",
                clip(&last_error, 200)
            ),
        )
    }

    fn judge(
        sig: &Signature,
        key: &TrustedKey,
        which: &Which<'_>,
        committer: &Identity,
    ) -> SignatureInfo {
        let fingerprint = match which {
            Which::Primary => hex(&key.key.primary_key.fingerprint()),
            Which::Sub(sub) => hex(&sub.key.fingerprint()),
        };
        let fp = Some(fingerprint.clone());
        let time = committer.time;
        if key.revoked {
            return bad(F, fp, format!("key {fingerprint} is revoked"));
        }
        if let Some(exp) = key.expires
            && time >= exp
        {
            return bad(
                F,
                fp,
                format!(
                    "key {fingerprint} expired {} (commit time {})",
                    format_utc(exp),
                    format_utc(time)
                ),
            );
        }
        if let Which::Sub(sub) = which {
            if sub.revoked {
                return bad(F, fp, format!("subkey {fingerprint} is revoked"));
            }
            if !sub.can_sign {
                return bad(
                    F,
                    fp,
                    format!("subkey {fingerprint} is not bound as a signing key"),
                );
            }
            if let Some(exp) = sub.expires
                && time >= exp
            {
                return bad(
                    F,
                    fp,
                    format!(
                        "subkey {fingerprint} expired {} (commit time {})",
                        format_utc(exp),
                        format_utc(time)
                    ),
                );
            }
        }
        let created = secs(sig.created());
        if let Some(d) = sig.signature_expiration_time()
            && let d = i64::from(d.as_secs())
            && d > 0
            && time >= created.saturating_add(d)
        {
            return bad(F, fp, "the signature has expired by the commit time");
        }
        let email = committer.email.as_str();
        let mut out = info(SignatureStatus::Bad, F, fp, None);
        if key.emails.iter().any(|e| e.eq_ignore_ascii_case(email)) {
            out.status = SignatureStatus::Verified;
            out.principal = Some(email.to_string());
            out.matches_committer = Some(true);
        } else {
            let listed = if key.emails.is_empty() {
                "no valid user ID".to_string()
            } else {
                key.emails.join(", ")
            };
            out.reason = Some(format!(
                "key belongs to {listed}, not the committer {email}"
            ));
            out.principal = (!key.emails.is_empty()).then(|| key.emails.join(", "));
            out.matches_committer = Some(false);
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn emails_of_user_ids() {
            assert_eq!(
                email_of(b"Alice <alice@example.com>").as_deref(),
                Some("alice@example.com")
            );
            assert_eq!(
                email_of(b"bob@example.com").as_deref(),
                Some("bob@example.com")
            );
            assert_eq!(email_of(b"Just A Name"), None);
            assert_eq!(email_of(b"Name <not-an-address>"), None);
        }

        #[test]
        fn keyring_reports_garbage() {
            let ring = OpenPgpKeyring::parse("hello");
            assert!(ring.is_empty());
            assert_eq!(ring.problems.len(), 1);
            let ring = OpenPgpKeyring::parse(&format!("{BEGIN}\n\nAAAA\n{END}\n"));
            assert!(ring.is_empty());
            assert_eq!(ring.problems.len(), 1, "{:?}", ring.problems);
            let ring = OpenPgpKeyring::parse(&format!("{BEGIN}\n\nAAAA\n"));
            assert_eq!(ring.problems.len(), 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_core::Identity;

    fn commit(sig: Option<&str>, payload: Option<&[u8]>) -> Commit {
        let who = Identity {
            name: "A".into(),
            email: "a@x.org".into(),
            time: 0,
            offset: 0,
        };
        Commit {
            id: "0".repeat(40),
            parents: vec![],
            author: who.clone(),
            committer: who,
            message: "m\n".into(),
            trailers: vec![],
            signature: sig.map(str::to_string),
            signed_payload: payload.map(<[u8]>::to_vec),
            notes: vec![],
            paths: vec![],
        }
    }

    #[test]
    fn formats() {
        assert_eq!(
            detect_format("\n-----BEGIN SSH SIGNATURE-----\nx"),
            SignatureFormat::Ssh
        );
        assert_eq!(
            detect_format("-----BEGIN PGP SIGNATURE-----"),
            SignatureFormat::Openpgp
        );
        assert_eq!(
            detect_format("-----BEGIN SIGNED MESSAGE-----"),
            SignatureFormat::X509
        );
        assert_eq!(detect_format("junk"), SignatureFormat::Unknown);
        assert_eq!(detect_format(""), SignatureFormat::Unknown);
    }

    #[test]
    fn base64() {
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("TQ==").unwrap(), b"M");
        assert_eq!(base64_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64_decode("TWFu").unwrap(), b"Man");
        assert!(base64_decode("T").is_none());
        assert!(base64_decode("TW-u").is_none());
    }

    #[test]
    fn odd_blocks_never_panic() {
        let blocks = [
            "",
            "   \n",
            "-----BEGIN SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAv////8=\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----",
            "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\ntrailing",
            "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----",
            "-----BEGIN SIGNED MESSAGE-----\nAAAA\n-----END SIGNED MESSAGE-----",
            "\u{0}\u{1}\u{7f}",
        ];
        for block in blocks {
            for payload in [None, Some(&b"tree x\n"[..])] {
                let out = check_signature(&commit(Some(block), payload), None);
                assert_ne!(out.status, SignatureStatus::Verified, "{block:?}");
                assert_ne!(out.status, SignatureStatus::None, "{block:?}");
                assert!(out.reason.is_some(), "{block:?}");
            }
        }
        assert_eq!(
            check_signature(&commit(None, None), None).status,
            SignatureStatus::None
        );
    }
}

//! Private keys and signed tokens: PEM blocks (RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH,
//! PGP, SSH2), PuTTY key files, age identities, JWK private keys, base64-wrapped PEM keys
//! (kubeconfig `client-key-data`, Kubernetes `tls.key`), WireGuard private keys, JWTs and
//! Django's generated `SECRET_KEY`.

use crate::Confidence::{Low, Medium};
use crate::pattern::{Check, Pattern};

const KEY_ROTATE: &str = "Generate a new key pair, replace the public key wherever it is trusted (servers, authorized_keys, certificates, JWKS), then delete this key";

pub(crate) const PATTERNS: &[Pattern] = &[
    Pattern::raw(
        "IDS601",
        "pem",
        "rsa-private-key",
        "PEM RSA private key block (PKCS#1)",
        &["-----begin rsa private key-----"],
        "(?P<s>-----BEGIN RSA PRIVATE KEY-----)",
        KEY_ROTATE,
    )
    .check(Check::Pem)
    .multiline()
    .rank(4),
    Pattern::raw(
        "IDS602",
        "pem",
        "ec-private-key",
        "PEM EC private key block (SEC 1)",
        &["-----begin ec private key-----"],
        "(?P<s>-----BEGIN EC PRIVATE KEY-----)",
        KEY_ROTATE,
    )
    .check(Check::Pem)
    .multiline()
    .rank(4),
    Pattern::raw(
        "IDS603",
        "pem",
        "dsa-private-key",
        "PEM DSA private key block",
        &["-----begin dsa private key-----"],
        "(?P<s>-----BEGIN DSA PRIVATE KEY-----)",
        KEY_ROTATE,
    )
    .check(Check::Pem)
    .multiline()
    .rank(4),
    Pattern::raw(
        "IDS604",
        "pem",
        "pkcs8-private-key",
        "PEM PKCS#8 private key block (BEGIN PRIVATE KEY)",
        &["-----begin private key-----"],
        "(?P<s>-----BEGIN PRIVATE KEY-----)",
        KEY_ROTATE,
    )
    .check(Check::Pem)
    .multiline()
    .rank(4),
    Pattern::raw(
        "IDS605",
        "pem",
        "encrypted-private-key",
        "PEM encrypted PKCS#8 private key block (needs its passphrase, which may be nearby)",
        &["-----begin encrypted private key-----"],
        "(?P<s>-----BEGIN ENCRYPTED PRIVATE KEY-----)",
        KEY_ROTATE,
    )
    .check(Check::Pem)
    .multiline()
    .confidence(Medium)
    .rank(4),
    Pattern::raw(
        "IDS606",
        "pem",
        "openssh-private-key",
        "OpenSSH private key block (openssh-key-v1)",
        &["-----begin openssh private key-----"],
        "(?P<s>-----BEGIN OPENSSH PRIVATE KEY-----)",
        "Remove the public key from every authorized_keys / forge account that trusts it, generate a new key with ssh-keygen",
    )
    .check(Check::OpenSshPem)
    .multiline()
    .rank(4),
    Pattern::raw(
        "IDS607",
        "pgp",
        "pgp-private-key-block",
        "ASCII-armoured OpenPGP secret key block",
        &["-----begin pgp private key block-----"],
        "(?P<s>-----BEGIN PGP PRIVATE KEY BLOCK-----)",
        "Revoke the key with its revocation certificate (gpg --gen-revoke), publish the revocation, create a new key",
    )
    .check(Check::Pem)
    .multiline()
    .rank(4),
    Pattern::raw(
        "IDS608",
        "putty",
        "putty-private-key",
        "PuTTY private key file (PuTTY-User-Key-File-2/3 with Private-Lines)",
        &["putty-user-key-file-"],
        "(?P<s>PuTTY-User-Key-File-[23]: [a-z0-9-]+)",
        "Remove the public key from authorized_keys on every server, generate a new key with PuTTYgen",
    )
    .check(Check::PuttyKey)
    .multiline()
    .rank(4),
    Pattern::token(
        "IDS609",
        "age",
        "age-secret-key",
        "age X25519 identity (AGE-SECRET-KEY-1…, bech32 checksum)",
        "AGE-SECRET-KEY-1",
        "[0-9A-Z]{58}",
        "Generate a new identity with age-keygen, re-encrypt the files to the new recipient",
    )
    .check(Check::AgeBech32)
    .show(4),
    Pattern::raw(
        "IDS610",
        "jwk",
        "jwk-private-key",
        "JSON Web Key with a private member (\"d\") on a line with \"kty\"",
        &["\"d\""],
        "\"d\"\\s*:\\s*\"(?P<s>[A-Za-z0-9_-]{40,})\"",
        "Remove the key from the JWKS / key store, publish a new key id, re-issue tokens signed with it",
    )
    .require("\"kty\"")
    .entropy(3.5),
    Pattern::raw(
        "IDS611",
        "ssh",
        "ssh2-private-key",
        "SSH2 (SSH.com / Tectia) private key block",
        &["---- begin ssh2 encrypted private key ----"],
        "(?P<s>---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----)",
        KEY_ROTATE,
    )
    .check(Check::Pem)
    .multiline()
    .rank(4),
    Pattern::token(
        "IDS612",
        "pem",
        "base64-pem-private-key",
        "Base64 of a PEM private key (kubeconfig client-key-data, Kubernetes tls.key, CI variables)",
        "LS0tLS1CRUdJTi",
        "[A-Za-z0-9+/]{40,}={0,2}",
        KEY_ROTATE,
    )
    .check(Check::Base64Pem)
    .show(0),
    Pattern::token(
        "IDS615",
        "django",
        "django-secret-key",
        "Django SECRET_KEY as `startproject` generates it (django-insecure- + 50 characters)",
        "django-insecure-",
        "[a-z0-9!@#$%^&*(=+_)-]{40,64}",
        "Generate a new key (`django.core.management.utils.get_random_secret_key()`), load it from the environment or a secret store, and deploy it: sessions, password-reset links and signed cookies made with the old key stop validating",
    ),
    Pattern::token(
        "IDS613",
        "jwt",
        "jwt",
        "JSON Web Token (base64url JSON header with `alg`, JSON payload)",
        "",
        "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*",
        "A JWT stays valid until it expires: rotate the signing key that issued it (or add its jti to the issuer's deny list) and re-issue tokens",
    )
    .keywords(&["eyj"])
    .check(Check::Jwt)
    .confidence(Medium)
    .rank(3),
    Pattern::assign(
        "IDS614",
        "wireguard",
        "wireguard-private-key",
        "WireGuard private key (base64 of 32 bytes) in a PrivateKey setting",
        &["privatekey", "private_key"],
        "private_?key",
        "[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=",
        "Generate a new key pair with `wg genkey`, update the peer's PublicKey on every other peer",
    )
    .check(Check::Base64Len(32))
    .entropy(3.8)
    .confidence(Low),
];

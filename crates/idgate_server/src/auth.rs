//! Tokens and webhook signatures: SHA-256 token hashes compared in constant time, HMAC-SHA256
//! over webhook bodies.

use sha2::{Digest, Sha256};

use crate::config::{Scope, Token};

/// The cookie the login form sets.
pub const COOKIE: &str = "idgate_token";

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// Bytes of a hex string, if it is one.
pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks_exact(2)
        .map(|p| Some(digit(p[0])? << 4 | digit(p[1])?))
        .collect()
}

/// The value to put in a token's `sha256` field.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Equality whose time depends only on the lengths, not on where the inputs differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a
        .iter()
        .zip(b)
        .fold(0u8, |acc, (x, y)| acc | std::hint::black_box(x ^ y));
    std::hint::black_box(diff) == 0
}

/// The scopes of the configured token `presented` is, if any. Every configured hash is compared,
/// in constant time, whichever matches.
pub(crate) fn scopes_of<'a>(tokens: &'a [Token], presented: &str) -> Option<&'a [Scope]> {
    let digest = Sha256::digest(presented.as_bytes());
    let mut found = None;
    for t in tokens {
        let stored = unhex(&t.sha256).unwrap_or_default();
        if constant_time_eq(&stored, &digest) && found.is_none() {
            found = Some(t.scopes.as_slice());
        }
    }
    found
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`: what a forge puts, hex-encoded after
/// `sha256=`, in `X-Hub-Signature-256`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// Whether `header` (`sha256=<hex>`, as in `X-Hub-Signature-256`) is the HMAC of `body` under
/// `secret`. The comparison is constant-time.
pub(crate) fn webhook_signature_ok(secret: &[u8], body: &[u8], header: Option<&str>) -> bool {
    let Some(given) = header
        .and_then(|h| h.trim().strip_prefix("sha256="))
        .and_then(unhex)
    else {
        return false;
    };
    constant_time_eq(&given, &hmac_sha256(secret, body))
}

/// The token in an `Authorization: Bearer …` header.
pub(crate) fn bearer(header: Option<&str>) -> Option<&str> {
    let h = header?.trim();
    let (scheme, rest) = h.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim())
        .filter(|t| !t.is_empty())
}

/// The value of cookie `name` in a `Cookie` header.
pub(crate) fn cookie<'a>(header: Option<&'a str>, name: &str) -> Option<&'a str> {
    header?.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty()).then_some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block.
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn signatures_and_tokens() {
        let sig = format!("sha256={}", hex(&hmac_sha256(b"s3cret", b"{}")));
        assert!(webhook_signature_ok(b"s3cret", b"{}", Some(&sig)));
        assert!(!webhook_signature_ok(b"s3cret", b"{} ", Some(&sig)));
        assert!(!webhook_signature_ok(b"other", b"{}", Some(&sig)));
        assert!(!webhook_signature_ok(b"s3cret", b"{}", Some(&sig[7..])));
        assert!(!webhook_signature_ok(b"s3cret", b"{}", None));
        let tokens = [
            Token {
                name: "r".into(),
                sha256: token_hash("reader"),
                scopes: vec![Scope::Read],
            },
            Token {
                name: "w".into(),
                sha256: token_hash("writer"),
                scopes: vec![Scope::Read, Scope::Write],
            },
        ];
        assert_eq!(scopes_of(&tokens, "reader"), Some(&[Scope::Read][..]));
        assert_eq!(scopes_of(&tokens, "writer").map(<[_]>::len), Some(2));
        assert_eq!(scopes_of(&tokens, "Reader"), None);
        assert_eq!(scopes_of(&tokens, &token_hash("reader")), None);
        assert_eq!(bearer(Some("Bearer abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(cookie(Some("a=1; idgate_token=xyz"), COOKIE), Some("xyz"));
        assert_eq!(cookie(Some("idgate_tokenx=1"), COOKIE), None);
        assert!(constant_time_eq(b"ab", b"ab") && !constant_time_eq(b"ab", b"ac"));
    }
}

//! Synthetic credentials for tests, fixtures and benchmarks.
//!
//! Nothing here is, or was derived from, a real credential: every token is drawn from a
//! deterministic PRNG in the shape a provider documents, with a valid checksum where the format
//! has one (or a deliberately wrong one, for near misses). Tests and the labelled corpus write
//! tokens as templates between `«` and `»` so that no secret-looking string is committed:
//!
//! ```
//! use idgate_secrets::synth;
//! let line = synth::expand("token = \"«ghp_[b62:30][crc]»\"", 7);
//! assert!(line.starts_with("token = \"ghp_"));
//! assert_eq!(line.len(), "token = \"\"".len() + 40);
//! ```
//!
//! Inside a template, text is literal except for directives in brackets:
//!
//! | directive | produces |
//! |---|---|
//! | `[b62:N]` `[hex:N]` `[HEX:N]` `[b32:N]` `[b64:N]` `[b64u:N]` `[lc:N]` `[uc:N]` `[alpha:N]` `[lower:N]` `[upper:N]` `[dig:N]` `[bech:N]` | N random characters of that alphabet (base62, lower hex, upper hex, base32, base64, base64url, `a-z0-9`, `A-Z0-9`, letters, lower, upper, digits, bech32) |
//! | `[crc]` / `[crc!]` | the 6-character base62 CRC32 of the random characters so far / a wrong one |
//! | `[uuid]` | a random version-4 UUID |
//! | `[enc:TEXT]` / `[encu:TEXT]` | base64 (padded) / base64url (unpadded) of TEXT |
//! | `[rb64:N]` / `[rb64u:N]` | base64 (padded) / base64url (unpadded) of N random bytes |
//! | `[sas]` | a URL-encoded base64 HMAC-SHA256-sized signature |
//! | `[jwt]` / `[jwt!]` | a structurally valid JWT / one whose header is not JSON |
//! | `[pypi]` / `[pypi!]` | the body of a PyPI macaroon for `pypi.org` / for another location |
//! | `[age]` / `[age!]` | an age identity with a valid / broken bech32 checksum |
//! | `[discord]` | the base64 of an 18-digit snowflake id |
//! | `[json:N]` / `[jsonu:N]` | unpadded base64 / base64url of a small JSON object with N random characters inside |
//! | `[pemb64]` | base64 of a whole PEM private key block |

use crate::validate::{BASE62, BECH32, base62, bech32_hrp_expand, bech32_polymod, crc32};

/// SplitMix64: small, fast, deterministic; good enough for test data, never for keys.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// `n` characters drawn from `alphabet`.
    pub fn string(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(alphabet[self.below(alphabet.len() as u64) as usize]))
            .collect()
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64U: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    encode(data, B64, true)
}

/// URL-safe base64 without padding.
pub fn base64url(data: &[u8]) -> String {
    encode(data, B64U, false)
}

fn encode(data: &[u8], alphabet: &[u8], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= n {
                out.push(char::from(alphabet[((v >> (18 - 6 * i)) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

fn class(name: &str) -> Option<&'static [u8]> {
    Some(match name {
        "b62" => BASE62,
        "hex" => b"0123456789abcdef",
        "HEX" => b"0123456789ABCDEF",
        "b32" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        "b64" => B64,
        "b64u" => B64U,
        "lc" => b"abcdefghijklmnopqrstuvwxyz0123456789",
        "uc" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "alpha" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "lower" => b"abcdefghijklmnopqrstuvwxyz",
        "upper" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "dig" => b"0123456789",
        "bech" => BECH32,
        _ => return None,
    })
}

fn varint(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn macaroon(rng: &mut Rng, location: &str) -> String {
    let mut m = vec![2u8];
    let field = |m: &mut Vec<u8>, t: usize, data: &[u8]| {
        varint(m, t);
        varint(m, data.len());
        m.extend_from_slice(data);
    };
    field(&mut m, 1, location.as_bytes());
    let id = format!(
        "{{\"nonce\":\"{}\",\"version\":1}}",
        rng.string(b"0123456789abcdef", 32)
    );
    field(&mut m, 2, id.as_bytes());
    m.push(0);
    let caveat = format!(
        "{{\"version\":1,\"permissions\":\"user\"}}{}",
        rng.below(10)
    );
    field(&mut m, 2, caveat.as_bytes());
    m.push(0);
    m.push(0);
    let sig = rng.bytes(32);
    field(&mut m, 6, &sig);
    base64url(&m)
}

fn age(rng: &mut Rng, broken: bool) -> String {
    let hrp = "age-secret-key-";
    let data: Vec<u8> = (0..52).map(|_| rng.below(32) as u8).collect();
    let mut values = bech32_hrp_expand(hrp);
    values.extend(&data);
    values.extend([0u8; 6]);
    let poly = bech32_polymod(&values) ^ 1;
    let mut s = String::from("AGE-SECRET-KEY-1");
    for d in data
        .iter()
        .copied()
        .chain((0..6).map(|i| ((poly >> (5 * (5 - i))) & 31) as u8))
    {
        s.push(char::from(BECH32[usize::from(d)]).to_ascii_uppercase());
    }
    if broken {
        let last = s.pop().unwrap_or('Q');
        s.push(if last == 'Q' { 'P' } else { 'Q' });
    }
    s
}

fn jwt(rng: &mut Rng, broken: bool) -> String {
    let header = if broken {
        base64url(b"{not json at all}")
    } else {
        base64url(br#"{"alg":"HS256","typ":"JWT"}"#)
    };
    let payload = format!(
        r#"{{"sub":"{}","name":"synthetic","iat":{}}}"#,
        rng.below(1_000_000_000),
        1_600_000_000 + rng.below(100_000_000)
    );
    format!(
        "{header}.{}.{}",
        base64url(payload.as_bytes()),
        base64url(&rng.bytes(32))
    )
}

/// Expand one template (the text between `«` and `»`).
pub fn token(spec: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut random = String::new();
    let mut rest = spec;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let dir = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let (name, arg) = dir.split_once(':').unwrap_or((dir, ""));
        let piece = match name {
            "crc" | "crc!" => {
                let c = crc32(random.as_bytes()).wrapping_add(u32::from(name == "crc!"));
                base62(u64::from(c), 6)
            }
            "uuid" => {
                let h = rng.string(b"0123456789abcdef", 32);
                format!(
                    "{}-{}-4{}-{}{}-{}",
                    &h[..8],
                    &h[8..12],
                    &h[13..16],
                    ["8", "9", "a", "b"][rng.below(4) as usize],
                    &h[17..20],
                    &h[20..32]
                )
            }
            "enc" => base64(arg.as_bytes()),
            "encu" => base64url(arg.as_bytes()),
            "rb64" => base64(&rng.bytes(arg.parse().unwrap_or(32))),
            "rb64u" => base64url(&rng.bytes(arg.parse().unwrap_or(32))),
            "sas" => base64(&rng.bytes(32))
                .replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D"),
            "jwt" | "jwt!" => jwt(rng, name == "jwt!"),
            "pypi" => macaroon(rng, "pypi.org"),
            "pypi!" => macaroon(rng, "pypi.example"),
            "age" | "age!" => age(rng, name == "age!"),
            "discord" => {
                let id = format!("{}{}", 1 + rng.below(9), rng.string(b"0123456789", 17));
                base64url(id.as_bytes())
            }
            "json" | "jsonu" => {
                let n = arg.parse().unwrap_or(16);
                let j = format!(
                    r#"{{"iat":{},"region":"us","org":"synthetic","u":"{}"}}"#,
                    1_700_000_000 + rng.below(10_000_000),
                    rng.string(BASE62, n)
                );
                if name == "json" {
                    encode(j.as_bytes(), B64, false)
                } else {
                    base64url(j.as_bytes())
                }
            }
            "pemb64" => {
                let pem = format!(
                    "-----BEGIN RSA PRIVATE KEY-----\n{}\n{}\n-----END RSA PRIVATE KEY-----\n",
                    rng.string(B64, 64),
                    rng.string(B64, 64)
                );
                base64(pem.as_bytes())
            }
            other => match class(other) {
                Some(alphabet) => {
                    let s = rng.string(alphabet, arg.parse().unwrap_or(16));
                    random.push_str(&s);
                    s
                }
                None => format!("[{dir}]"),
            },
        };
        out.push_str(&piece);
    }
    out.push_str(rest);
    out
}

/// Replace every `«template»` in `line` with a token drawn from a PRNG seeded with `seed`.
pub fn expand(line: &str, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(line.len() + 64);
    let mut rest = line;
    while let Some(open) = rest.find('«') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '«'.len_utf8()..];
        let Some(close) = after.find('»') else {
            out.push_str(&rest[open..]);
            return out;
        };
        out.push_str(&token(&after[..close], &mut rng));
        rest = &after[close + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{self, Verdict};

    #[test]
    fn checksums_round_trip() {
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            let t = token("ghp_[b62:30][crc]", &mut rng);
            assert_eq!(validate::crc32_base62(&t, 4), Verdict::Valid, "{t}");
            let bad = token("ghp_[b62:30][crc!]", &mut rng);
            assert_eq!(validate::crc32_base62(&bad, 4), Verdict::Invalid);
        }
        let a = token("[age]", &mut rng);
        assert_eq!(validate::bech32(&a), Verdict::Valid, "{a}");
        assert_eq!(
            validate::bech32(&token("[age!]", &mut rng)),
            Verdict::Invalid
        );
        assert_eq!(
            validate::pypi_macaroon(&token("[pypi]", &mut rng)),
            Verdict::Valid
        );
        assert_eq!(
            validate::pypi_macaroon(&token("[pypi!]", &mut rng)),
            Verdict::Invalid
        );
        assert_eq!(validate::jwt(&token("[jwt]", &mut rng)), Verdict::Valid);
        assert_eq!(validate::jwt(&token("[jwt!]", &mut rng)), Verdict::Invalid);
        assert_eq!(base64(b"hello"), "aGVsbG8=");
        assert_eq!(base64url(b"hello"), "aGVsbG8");
    }
}

//! Offline structure and checksum checks: CRC32 in base62 (GitHub, npm), macaroons (PyPI),
//! bech32 (age), base64 JSON (JWT and friends), PEM bodies.

/// What a check concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The checksum or structure was verified.
    Valid,
    /// Nothing to verify, or the check does not apply to this variant.
    Plausible,
    /// The structure is wrong: a near miss, not a secret of this format.
    Invalid,
}

// --- CRC32 (IEEE 802.3, reflected, as zlib) ---------------------------------------------------

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC32 as used by zlib / PNG / GitHub token checksums.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// Digits, upper case, lower case: the alphabet GitHub and npm checksums are written in.
pub(crate) const BASE62: &[u8; 62] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// The same with the cases swapped (what a GMP-style encoder produces).
const BASE62_LOWER_FIRST: &[u8; 62] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// `n` in base62, left-padded with `0` to `width` digits.
pub(crate) fn base62(mut n: u64, width: usize) -> String {
    let mut out = vec![b'0'; width];
    let mut i = width;
    while n > 0 && i > 0 {
        i -= 1;
        out[i] = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn base62_decode(s: &[u8], alphabet: &[u8; 62]) -> Option<u64> {
    s.iter().try_fold(0u64, |acc, &c| {
        let d = alphabet.iter().position(|&a| a == c)? as u64;
        acc.checked_mul(62)?.checked_add(d)
    })
}

/// `prefix` + 30 random base62 characters + 6-character base62 CRC32 of the random part.
pub(crate) fn crc32_base62(token: &str, prefix_len: usize) -> Verdict {
    let body = &token.as_bytes()[prefix_len.min(token.len())..];
    if body.len() != 36 {
        // Longer variants (refresh tokens, newer installation tokens) carry no known checksum.
        return Verdict::Plausible;
    }
    let (random, check) = body.split_at(30);
    let want = u64::from(crc32(random));
    let ok = [BASE62, BASE62_LOWER_FIRST]
        .iter()
        .any(|a| base62_decode(check, a) == Some(want));
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

// --- base64 ----------------------------------------------------------------------------------

/// Decode standard or URL-safe base64, with or without padding. `None` on any other byte.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
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
    if bits >= 6 {
        return None; // a dangling sextet is not base64
    }
    Some(out)
}

/// Base64 that decodes to exactly `n` bytes.
pub(crate) fn base64_len(s: &str, n: usize) -> Verdict {
    match base64_decode(s) {
        Some(b) if b.len() == n => Verdict::Valid,
        _ => Verdict::Invalid,
    }
}

/// Percent-decode the few escapes base64 needs (`%2B`, `%2F`, `%3D`).
pub(crate) fn url_unescape_b64(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = &s[i + 1..i + 3];
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(char::from(v));
                i += 3;
                continue;
            }
        }
        out.push(char::from(b[i]));
        i += 1;
    }
    out
}

/// Base64 that decodes to a JSON object.
pub(crate) fn base64_json(s: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = base64_decode(s)?;
    match serde_json::from_slice::<serde_json::Value>(&bytes).ok()? {
        serde_json::Value::Object(m) => Some(m),
        _ => None,
    }
}

/// The longest prefix of `s` that decodes as base64 JSON: tokens often append a secret after a
/// separator (`sntrys_<json>_<secret>`, `sk.<json>.<sig>`).
pub(crate) fn leading_base64_json(s: &str) -> Verdict {
    let candidates = [
        Some(s),
        s.split('.').next(),
        s.rsplit_once('_').map(|(a, _)| a),
        s.split('_').next(),
    ];
    if candidates
        .into_iter()
        .flatten()
        .any(|c| base64_json(c).is_some())
    {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// `user:password` in base64.
pub(crate) fn basic_auth(s: &str) -> Verdict {
    let Some(bytes) = base64_decode(s) else {
        return Verdict::Invalid;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Verdict::Invalid;
    };
    let Some((user, pass)) = text.split_once(':') else {
        return Verdict::Invalid;
    };
    let printable = |t: &str| t.chars().all(|c| !c.is_control());
    if user.is_empty() || pass.len() < 3 || !printable(user) || !printable(pass) {
        return Verdict::Invalid;
    }
    if crate::entropy::is_placeholder(pass)
        || matches!(
            pass.to_ascii_lowercase().as_str(),
            "password" | "pass" | "secret"
        )
    {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

// --- JWT -------------------------------------------------------------------------------------

/// `header.payload.signature`: header is base64url JSON with a string `alg`, payload is JSON,
/// and a signed token (any `alg` but `none`) has a signature of at least 16 characters.
pub(crate) fn jwt(token: &str) -> Verdict {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return Verdict::Invalid;
    };
    let Some(header) = base64_json(h) else {
        return Verdict::Invalid;
    };
    let Some(alg) = header.get("alg").and_then(|a| a.as_str()) else {
        return Verdict::Invalid;
    };
    if base64_json(p).is_none() {
        return Verdict::Invalid;
    }
    if !alg.eq_ignore_ascii_case("none") && sig.len() < 16 {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

// --- PyPI macaroons ----------------------------------------------------------------------------

fn varint(b: &[u8], i: &mut usize) -> Option<usize> {
    let mut v = 0usize;
    let mut shift = 0;
    loop {
        let byte = *b.get(*i)?;
        *i += 1;
        v |= usize::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// One field of a v2 macaroon: (type, data). Type 0 is end-of-section and has no data.
fn field<'a>(b: &'a [u8], i: &mut usize) -> Option<(usize, &'a [u8])> {
    let t = varint(b, i)?;
    if t == 0 {
        return Some((0, &[]));
    }
    let n = varint(b, i)?;
    let data = b.get(*i..*i + n)?;
    *i += n;
    Some((t, data))
}

/// A version-2 binary macaroon whose location is `pypi.org` or `test.pypi.org`, with an
/// identifier, well-formed caveats and a 32-byte signature.
pub(crate) fn pypi_macaroon(body: &str) -> Verdict {
    let Some(b) = base64_decode(body) else {
        return Verdict::Invalid;
    };
    let parse = || -> Option<()> {
        let mut i = 0;
        if *b.first()? != 2 {
            return None;
        }
        i += 1;
        let (t, loc) = field(&b, &mut i)?;
        if t != 1 || !(loc == b"pypi.org" || loc == b"test.pypi.org") {
            return None;
        }
        let (t, id) = field(&b, &mut i)?;
        if t != 2 || id.is_empty() {
            return None;
        }
        if field(&b, &mut i)?.0 != 0 {
            return None;
        }
        // Caveats: each a run of fields ending in EOS; the section ends with an empty EOS.
        loop {
            let (t, _) = field(&b, &mut i)?;
            if t == 0 {
                break;
            }
            loop {
                let (t, _) = field(&b, &mut i)?;
                if t == 0 {
                    break;
                }
            }
        }
        let (t, sig) = field(&b, &mut i)?;
        (t == 6 && sig.len() == 32).then_some(())
    };
    if parse().is_some() {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

// --- bech32 (age) ------------------------------------------------------------------------------

pub(crate) const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

pub(crate) fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

pub(crate) fn bech32_hrp_expand(hrp: &str) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.bytes().map(|c| c >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|c| c & 31));
    v
}

/// A bech32 string (`hrp1data`) with a valid checksum; case-insensitive but not mixed.
pub(crate) fn bech32(s: &str) -> Verdict {
    let lower = s.to_ascii_lowercase();
    let Some(sep) = lower.rfind('1') else {
        return Verdict::Invalid;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    let mut values = bech32_hrp_expand(hrp);
    for c in data.bytes() {
        let Some(d) = BECH32.iter().position(|&a| a == c) else {
            return Verdict::Invalid;
        };
        values.push(d as u8);
    }
    if bech32_polymod(&values) == 1 {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

// --- Discord -------------------------------------------------------------------------------------

/// An AWS access key id (`AKIA…`, `ASIA…`) carries the owning account's id: the 16 base32
/// characters after the prefix decode to 10 bytes whose first 6 hold the 12-digit account id
/// shifted left by 7 bits. A key id that decodes to a possible account id is `Valid`; any other
/// stays `Plausible` (older key ids may not carry one), never `Invalid`.
pub(crate) fn aws_key_id(id: &str) -> Verdict {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let Some(body) = id.get(4..20) else {
        return Verdict::Plausible;
    };
    let mut bits: u128 = 0;
    for c in body.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            return Verdict::Plausible;
        };
        bits = (bits << 5) | v as u128;
    }
    // 16 characters are 80 bits: the first 48 of them are the account field.
    let field = (bits >> 32) as u64;
    let account = (field & 0x7fff_ffff_ff80) >> 7;
    if (1..=999_999_999_999).contains(&account) {
        Verdict::Valid
    } else {
        Verdict::Plausible
    }
}

/// The first segment of a Discord bot token is the base64 of the bot's numeric id.
pub(crate) fn discord_bot(token: &str) -> Verdict {
    let first = token.split('.').next().unwrap_or("");
    match base64_decode(first) {
        Some(b) if (15..=21).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) => {
            Verdict::Valid
        }
        _ => Verdict::Invalid,
    }
}

// --- PEM -----------------------------------------------------------------------------------------

/// Check the body after a PEM `BEGIN` marker that ends at `after` in `text`. Returns the verdict
/// and the end (byte offset) of the block: the end of its `END` line, or of the last body line.
/// Handles real line breaks and the one-line form inside a string literal
/// (`"-----BEGIN …-----\nMIIE…\n-----END …-----"`).
pub(crate) fn pem_block(text: &str, after: usize, need_magic: Option<&str>) -> (Verdict, usize) {
    let rest = &text[after..];
    if rest.starts_with("\\n") || rest.starts_with("\\r\\n") || rest.starts_with("\\\\n") {
        // The literal runs to the closing quote or the end of the line.
        let line_end = rest.find('\n').unwrap_or(rest.len());
        // The first quote not escaped with a backslash.
        let lit_end = rest[..line_end]
            .char_indices()
            .find(|&(i, c)| matches!(c, '"' | '\'' | '`') && !rest[..i].ends_with('\\'))
            .map_or(line_end, |(i, _)| i);
        let lit = &rest[..lit_end];
        let unescaped = lit
            .replace("\\r", "")
            .replace("\\\\n", "\n")
            .replace("\\n", "\n");
        let (verdict, _) = pem_lines(&unescaped, 0, need_magic);
        if verdict != Verdict::Valid && !lit.contains("-----END") && !lit.contains("---- END") {
            // `"-----BEGIN …-----\n"` followed by one string per line: read the real lines.
            let (v, e) = pem_lines(text, after, need_magic);
            if v == Verdict::Valid {
                return (v, e);
            }
        }
        let end = lit
            .find("-----END")
            .or_else(|| lit.find("---- END"))
            .map_or(lit_end, |i| {
                let tail = &lit[i + 8..];
                i + 8
                    + tail.find("----").map_or(0, |j| {
                        j + tail[j..].bytes().take_while(|&c| c == b'-').count()
                    })
            });
        return (verdict, after + end);
    }
    pem_lines(text, after, need_magic)
}

/// The multi-line form: skip the rest of the `BEGIN` line, PEM headers and a blank line, then
/// collect base64 lines up to the `END` line.
fn pem_lines(text: &str, after: usize, need_magic: Option<&str>) -> (Verdict, usize) {
    let rest = &text[after..];
    let mut pos = after + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut body = String::new();
    let mut end = after;
    let mut lines = 0;
    while pos < text.len() && lines < 400 {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let raw = &text[pos..line_end];
        // Strip quoting and concatenation around lines in code: `"MIIE…\n" +`.
        let line = raw
            .trim()
            .trim_matches(|c| matches!(c, '"' | '\'' | ',' | '+' | '`'))
            .trim_end_matches("\\n")
            .trim_matches(|c| matches!(c, '"' | '\'' | ',' | '+' | '`'))
            .trim();
        lines += 1;
        if line.contains("-----END") || line.contains("---- END") {
            end = line_end;
            break;
        }
        if body.is_empty() && (line.is_empty() || line.contains(": ") || line.ends_with('\\')) {
            // PEM headers (Proc-Type, DEK-Info, Version, Comment) and the blank line after them.
            end = line_end;
            pos = line_end + 1;
            continue;
        }
        if line.is_empty()
            || !line
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))
        {
            break;
        }
        body.push_str(line);
        end = line_end;
        pos = line_end + 1;
    }
    (body_verdict(&body, need_magic), end.min(text.len()))
}

/// The private part of a PuTTY key file: a `Private-Lines: N` header followed (on the next line,
/// or after a `\n` escape) by base64 that is not a placeholder.
pub(crate) fn putty_private_body(window: &str) -> bool {
    let Some(i) = window.find("Private-Lines:") else {
        return false;
    };
    let rest = window[i + 14..].trim_start_matches([
        ' ', '\t', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '\r',
    ]);
    let rest = rest
        .strip_prefix("\\n")
        .or_else(|| rest.strip_prefix('\n'))
        .unwrap_or("");
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    body.len() >= 20
        && !crate::entropy::is_placeholder(&body)
        && crate::entropy::shannon(&body) >= 3.5
}

fn body_verdict(body: &str, need_magic: Option<&str>) -> Verdict {
    if body.len() < 40 || crate::entropy::is_placeholder(body) {
        return Verdict::Invalid;
    }
    if crate::entropy::shannon(body) < 4.0 {
        return Verdict::Invalid;
    }
    if let Some(magic) = need_magic
        && !body.starts_with(magic)
    {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(base62(61, 3), "00z");
    }

    #[test]
    fn b64() {
        assert_eq!(base64_decode("aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(basic_auth("dXNlcjpzM2NyM3Q="), Verdict::Valid); // user:s3cr3t
        assert_eq!(basic_auth("dXNlcjpwYXNzd29yZA=="), Verdict::Invalid); // user:password
        assert_eq!(url_unescape_b64("ab%2Bc%3D"), "ab+c=");
    }

    #[test]
    fn bech() {
        // BIP-173 test vector.
        assert_eq!(bech32("A12UEL5L"), Verdict::Valid);
        assert_eq!(bech32("A12UEL5M"), Verdict::Invalid);
    }

    /// The account id decoded from a key id (AWS documents `AKIAIOSFODNN7EXAMPLE` as an example
    /// key; its account field decodes to a 12-digit number), and ids without one.
    #[test]
    fn aws_key_ids_carry_an_account() {
        assert_eq!(aws_key_id("AKIAIOSFODNN7EXAMPLE"), Verdict::Valid);
        assert_eq!(aws_key_id("AKIA7777777777777777"), Verdict::Plausible);
        assert_eq!(aws_key_id("AKIAAAAAAAAAAAAAAAAA"), Verdict::Plausible);
        assert_eq!(aws_key_id("AKIA"), Verdict::Plausible);
    }
}

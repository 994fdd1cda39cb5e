//! Fuzz the SSH allowed-signers parser (ssh-keygen(1) ALLOWED SIGNERS) and its pattern matching.
//!
//! Run with `cargo +nightly fuzz run allowed_signers` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use idgate_provenance::allowed_signers::{
    match_pattern, match_pattern_list, parse_allowed_signers,
};
use libfuzzer_sys::fuzz_target;

const TIMES: &[i64] = &[i64::MIN, -1, 0, 1_700_000_000, 253_402_300_799, i64::MAX];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let signers = parse_allowed_signers(&text);
    for entry in &signers.entries {
        let _ = entry.matches_principal("dev@example.com");
        let _ = entry.allows_namespace("git");
        for &t in TIMES {
            let _ = entry.valid_at(t);
        }
        let _ = entry.fingerprint();
        let _ = entry.window_text();
    }
    // The pattern matcher on the input's own first two lines: (subject, pattern list).
    let mut lines = text.lines();
    if let (Some(s), Some(list)) = (lines.next(), lines.next()) {
        let _ = match_pattern_list(s, list, true);
        let _ = match_pattern_list(s, list, false);
        let _ = match_pattern(s, list, false);
    }
    let _ = idgate_provenance::allowed_signers::parse_time(&text);
    for &t in TIMES {
        let _ = idgate_provenance::allowed_signers::format_utc(t);
    }
});

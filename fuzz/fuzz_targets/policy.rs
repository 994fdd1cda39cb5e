//! Fuzz the `.idgate/policy.toml` parsers: the policy options and the `[provenance]` table.
//!
//! Run with `cargo +nightly fuzz run policy` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use libfuzzer_sys::fuzz_target;

const KNOWN_RULES: &[(&str, &str)] = &[("IDG101", "pyjwt-verification-disabled")];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(errors) = idgate_policy::options::parse_policy(&text, KNOWN_RULES) {
        assert!(!errors.is_empty(), "Err without any error");
    }
    let _ = idgate_provenance::settings::parse_provenance_settings(&text);
    let _ = idgate_policy::options::policy_digest(&text);
});

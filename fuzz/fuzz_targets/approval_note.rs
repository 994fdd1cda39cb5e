//! Fuzz the approval/waiver note parser (one signed JSON statement per line).
//!
//! Run with `cargo +nightly fuzz run approval_note` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use idgate_policy::approval::{append_to_note, canonical_bytes, note_line, parse_note};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (records, problems) = parse_note(&text);
    let lines = text.split('\n').count();
    for (line, _) in &problems {
        assert!(
            (1..=lines).contains(line),
            "problem on line {line} of {lines}"
        );
    }
    for signed in &records {
        let _ = signed.statement.validate();
        let _ = canonical_bytes(&signed.statement);
        let line = note_line(signed);
        assert!(!line.contains('\n'), "note line with a newline: {line:?}");
        let _ = append_to_note(Some(&text), signed);
        // A record we write must read back.
        let (again, bad) = parse_note(&line);
        assert!(
            bad.is_empty() && again.len() == 1,
            "{line:?} did not read back: {bad:?}"
        );
    }
});

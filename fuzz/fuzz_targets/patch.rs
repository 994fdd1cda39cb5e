//! Fuzz the unified-diff parser and the trailer parser with arbitrary bytes.
//!
//! Run with `cargo +nightly fuzz run patch` from the repository root (needs `cargo-fuzz`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = idgate_git::patch::parse_patch(data) {
        for file in &parsed.files {
            // Every hunk must lie within the rebuilt text it refers to.
            if let Some(text) = &file.new_text {
                let lines = text.lines().count() as u64;
                for range in file.added_ranges() {
                    assert!(u64::from(range.end) <= lines, "{file:?}");
                }
            }
        }
    }
    let text = String::from_utf8_lossy(data);
    for trailer in idgate_git::trailers::parse_trailers(&text) {
        assert!(!trailer.key.is_empty());
    }
});

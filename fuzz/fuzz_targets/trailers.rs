//! Fuzz git trailer parsing: of a message being written (`---` ends it) and of a stored commit.
//!
//! Run with `cargo +nightly fuzz run trailers` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use idgate_git::trailers::{parse_commit_trailers, parse_trailers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for trailers in [parse_trailers(&text), parse_commit_trailers(&text)] {
        for trailer in trailers {
            assert!(!trailer.key.is_empty(), "empty trailer key in {text:?}");
            assert!(
                trailer
                    .key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "key {:?} is not a trailer token",
                trailer.key
            );
            assert_eq!(trailer.value, trailer.value.trim(), "value not trimmed");
        }
    }
});

//! Fuzz the git-ai authorship-note parser and the Agent Trace (JSONL) parser, and the line
//! attribution built on them.
//!
//! Run with `cargo +nightly fuzz run git_ai_note` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use idgate_provenance::attribution::{
    attribute_line, attribute_trace, parse_agent_trace, parse_git_ai_note,
};
use libfuzzer_sys::fuzz_target;

const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let note = parse_git_ai_note(&text).ok();
    if let Some(note) = &note {
        for line in 1..5 {
            if let Some(found) = note.attribute("a.py", line) {
                let _ = found.agent();
                let _ = found.to_line_attribution(Some(COMMIT));
            }
        }
        let _ = note.attribute("a.py", 0);
        let _ = note.attribute("a.py", u32::MAX);
        for file in note.files.iter().take(8) {
            let _ = note.attribute(&file.path, 1);
        }
        let _ = note.base_matches(COMMIT);
        let _ = note.base_matches("");
    }
    let (records, _problems) = parse_agent_trace(&text);
    for line in [0, 1, 2, 3, 4, u32::MAX] {
        if let Some(found) = attribute_trace(&records, COMMIT, "a.py", line) {
            let _ = found.agent();
            let _ = found.to_line_attribution(None);
        }
        let _ = attribute_line(COMMIT, "a.py", line, note.as_ref(), &records);
    }
});

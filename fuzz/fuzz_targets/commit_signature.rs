//! Fuzz commit-signature checking: the signature block (SSH signature armor, sshsig blob),
//! the signed payload and the allowed-signers file all come from the input.
//!
//! The input is split on NUL bytes: `allowed_signers \0 signature \0 payload \0 committer-email`.
//! Missing parts are empty (a missing payload is `None`; a missing e-mail is a fixed one).
//!
//! Run with `cargo +nightly fuzz run commit_signature` from `fuzz/` (see `fuzz/README.md`).

#![no_main]

use idgate_core::{Commit, Identity};
use idgate_provenance::allowed_signers::parse_allowed_signers;
use idgate_provenance::signature::{check_signature, detect_format, sshsig_armor_body};
use libfuzzer_sys::fuzz_target;

fn identity(email: &str) -> Identity {
    Identity {
        name: "Dev".to_string(),
        email: email.to_string(),
        time: 1_700_000_000,
        offset: 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |&b| b == 0);
    let signers_text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let signature = parts
        .next()
        .map(|s| String::from_utf8_lossy(s).into_owned());
    let payload = parts.next().map(<[u8]>::to_vec);
    let email = parts.next().map_or_else(
        || "dev@example.com".to_string(),
        |e| String::from_utf8_lossy(e).into_owned(),
    );

    if let Some(block) = &signature {
        let _ = detect_format(block);
        let _ = sshsig_armor_body(block);
    }
    let signers = parse_allowed_signers(&signers_text);
    let commit = Commit {
        id: "0123456789abcdef0123456789abcdef01234567".to_string(),
        parents: Vec::new(),
        author: identity(&email),
        committer: identity(&email),
        message: "Fuzz\n".to_string(),
        trailers: Vec::new(),
        signature,
        signed_payload: payload,
        notes: Vec::new(),
        paths: Vec::new(),
    };
    let _ = check_signature(&commit, Some(&signers));
    let _ = check_signature(&commit, None);
});

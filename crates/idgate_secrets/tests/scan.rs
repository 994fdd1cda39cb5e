//! Behaviour of `scan`, `scan_with` and `redact`: file classes, diffs, suppressions, redaction,
//! positions and fingerprints. Every token is synthetic (see `idgate_secrets::synth`).

use idgate_secrets::{
    AllowEntry, Allowlist, Confidence, FileClass, LineRange, ProblemKind, SuppressedBy, classify,
    redact, scan, scan_with, synth,
};

fn gh(seed: u64) -> String {
    synth::expand("«ghp_[b62:30][crc]»", seed)
}

#[test]
fn never_exposes_the_secret() {
    let token = gh(1);
    let text = format!("GITHUB_TOKEN = \"{token}\"\npassword = \"Zx81#qLm0vWp\"\n");
    let out = scan_with("deploy/ci.py", &text, None, &Allowlist::default());
    assert_eq!(out.secrets.len(), 2);
    let debug = format!("{out:?}");
    let json = serde_json::to_string(&out).unwrap();
    for shown in [&debug, &json] {
        assert!(!shown.contains(&token[4..]), "token body leaked");
        assert!(!shown.contains("Zx81#qLm0vWp"), "password leaked");
        assert!(!shown.contains(&token[4..12]));
    }
    let s = &out.secrets[0];
    assert!(s.redacted.starts_with("ghp_…"));
    assert_eq!(s.redacted.chars().count(), 4 + 1 + 8);
    assert_eq!(s.fingerprint.len(), 32);
    // Generic values show no prefix at all.
    assert!(out.secrets[1].redacted.starts_with('…'));
}

#[test]
fn positions_are_one_based_characters_with_exclusive_end() {
    let token = gh(2);
    let text = format!("# é è\nlet t = \"{token}\"; // ü\n");
    let s = &scan("src/main.rs", &text, None)[0];
    assert_eq!((s.line, s.end_line), (2, 2));
    assert_eq!(s.column, 10);
    assert_eq!(s.end_column, 10 + 40);
    assert_eq!(s.length, 40);
    // CRLF line endings do not shift anything.
    let crlf = text.replace('\n', "\r\n");
    let c = &scan("src/main.rs", &crlf, None)[0];
    assert_eq!((c.line, c.column, c.end_column), (2, 10, 50));
}

#[test]
fn diff_lines_restrict_findings() {
    let text = format!("a = \"{}\"\nb = 1\nc = \"{}\"\n", gh(3), gh(4));
    let all = scan("src/x.py", &text, None);
    assert_eq!(all.len(), 2);
    let only3 = scan("src/x.py", &text, Some(&[LineRange { start: 3, end: 3 }]));
    assert_eq!(only3.len(), 1);
    assert_eq!(only3[0].line, 3);
    assert!(scan("src/x.py", &text, Some(&[LineRange { start: 2, end: 2 }])).is_empty());
}

#[test]
fn pem_blocks_over_several_lines() {
    let mut rng = synth::Rng::new(9);
    let body: Vec<String> = (0..4)
        .map(|_| {
            rng.string(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                64,
            )
        })
        .collect();
    let text = format!(
        "x = 1\n-----BEGIN RSA PRIVATE KEY-----\nMIIE{}\n{}\n{}\n{}\n-----END RSA PRIVATE KEY-----\ny = 2\n",
        &body[0][4..],
        body[1],
        body[2],
        body[3]
    );
    let s = scan("deploy/key.txt", &text, None);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].kind, "rsa-private-key");
    assert_eq!((s[0].line, s[0].end_line), (2, 7));
    assert!(s[0].validated);
    // A diff that touches only a body line still reports the block.
    let touched = scan(
        "deploy/key.txt",
        &text,
        Some(&[LineRange { start: 4, end: 4 }]),
    );
    assert_eq!(touched.len(), 1);
    // The same in a Python string concatenation.
    let py = format!(
        "KEY = (\n    \"-----BEGIN PRIVATE KEY-----\\n\"\n    \"{}\\n\"\n    \"{}\\n\"\n    \"-----END PRIVATE KEY-----\\n\"\n)\n",
        body[1], body[2]
    );
    let p = scan("app/keys.py", &py, None);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].kind, "pkcs8-private-key");
    // A header without a body is documentation.
    assert!(
        scan(
            "README.txt",
            "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n",
            None
        )
        .is_empty()
    );
    // Redaction masks the whole block.
    let red = redact(&text);
    for b in &body[1..] {
        assert!(!red.contains(b.as_str()));
    }
    assert!(red.contains("x = 1") && red.contains("y = 2"));
}

#[test]
fn file_classes_change_what_runs() {
    let generic = "password = \"Zx81#qLm0vWp\"\n";
    let token = format!("token = \"{}\"\n", gh(5));
    // Source: both.
    assert_eq!(
        scan("src/app.py", &format!("{generic}{token}"), None).len(),
        2
    );
    // Tests and docs: no generic rule, provider formats one step lower.
    for path in ["tests/test_app.py", "docs/setup.md", ".env.example"] {
        let found = scan(path, &format!("{generic}{token}"), None);
        assert_eq!(found.len(), 1, "{path}");
        assert_eq!(found[0].confidence, Confidence::Medium, "{path}");
        assert!(found[0].signals.iter().any(|s| s.ends_with("-path")));
    }
    // Lock files: hashes and integrity strings are not secrets; URL credentials are.
    let lock = format!(
        "\"integrity\": \"sha512-{}==\",\n\"resolved\": \"https://ci:{}@npm.internal/pkg/-/pkg-1.0.0.tgz\",\napi_key = \"{}\"\n",
        synth::expand("«[b64:86]»", 1),
        synth::expand("«[b62:20]»", 2),
        synth::expand("«[b62:32]»", 3)
    );
    assert_eq!(classify("web/package-lock.json"), FileClass::Lock);
    let l = scan("web/package-lock.json", &lock, None);
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(l[0].kind, "http-basic-auth-url");
    // Minified: only self-identifying formats.
    let min = format!("var a={{password:\"Zx81#qLm0vWp\"}},b=\"{}\";", gh(6));
    let m = scan("static/app.min.js", &min, None);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].kind, "github-pat-classic");
    // A very long non-assignment line in any file behaves the same.
    let long = format!("{min}{}", "x".repeat(1200));
    assert_eq!(scan("static/app.js", &long, None).len(), 1);
}

#[test]
fn inline_allow_needs_a_reason() {
    let t = gh(7);
    let with_reason =
        format!("token = \"{t}\"  # idgate: allow revoked fixture for the parser test\n");
    let out = scan_with("src/a.py", &with_reason, None, &Allowlist::default());
    assert!(out.secrets.is_empty() && out.problems.is_empty());
    assert_eq!(out.suppressed.len(), 1);
    assert_eq!(out.suppressed[0].by, SuppressedBy::InlineComment);
    assert_eq!(
        out.suppressed[0].reason,
        "revoked fixture for the parser test"
    );

    let above = format!("// idgate: allow documented sample, revoked\nconst t = \"{t}\";\n");
    let out = scan_with("src/a.ts", &above, None, &Allowlist::default());
    assert!(out.secrets.is_empty());
    assert_eq!(out.suppressed.len(), 1);

    let bare = format!("token = \"{t}\"  # idgate: allow\n");
    let out = scan_with("src/a.py", &bare, None, &Allowlist::default());
    assert_eq!(out.secrets.len(), 1, "no reason, no suppression");
    assert_eq!(out.problems.len(), 1);
    assert_eq!(out.problems[0].kind, ProblemKind::AllowWithoutReason);
    assert_eq!(out.problems[0].kind.as_str(), "allow-without-reason");
    assert_eq!((out.problems[0].line, out.problems[0].column), (1, 55));

    // A pragma on a code line above covers only that line.
    let code_above = format!("x = 1  # idgate: allow not for the next line\ntoken = \"{t}\"\n");
    assert_eq!(scan("src/a.py", &code_above, None).len(), 1);
    // Inside a string it is not a pragma.
    let in_string = format!("token = \"{t}\"; msg = \"idgate: allow because\"\n");
    assert_eq!(scan("src/a.py", &in_string, None).len(), 1);
}

#[test]
fn allowlist_by_path_and_fingerprint() {
    let t = gh(8);
    let text = format!("token = \"{t}\"\n");
    let fp = scan("src/a.py", &text, None)[0].fingerprint.clone();
    let allow = Allowlist::new(["vendor/**"], [fp.clone()]).unwrap();
    let out = scan_with("vendor/lib/a.py", &text, None, &allow);
    assert!(out.skipped && out.secrets.is_empty());
    let out = scan_with("src/a.py", &text, None, &allow);
    assert!(out.secrets.is_empty());
    assert_eq!(out.suppressed[0].by, SuppressedBy::Fingerprint);
    // Another file with the same token is a different finding.
    assert_eq!(scan_with("src/b.py", &text, None, &allow).secrets.len(), 1);
    assert!(Allowlist::new(["src/[a"], Vec::<String>::new()).is_err());
}

#[test]
fn allowlist_by_value_pattern_anywhere() {
    let (t, other) = (gh(10), gh(11));
    let text = format!("token = \"{t}\"\nother = \"{other}\"\n");
    // The exact value, anchored: that token is suppressed in any file, the other one is not.
    let allow = Allowlist::from_entries(&[
        AllowEntry::Value(&format!("^{t}$")),
        AllowEntry::Value("^never-matches$"),
    ])
    .unwrap();
    for path in ["src/a.py", "deploy/b.yaml"] {
        let out = scan_with(path, &text, None, &allow);
        assert_eq!(out.secrets.len(), 1, "{path}");
        assert_eq!(out.secrets[0].line, 2);
        assert_eq!(out.suppressed[0].by, SuppressedBy::Value);
        assert_eq!(out.suppressed[0].reason, "allow-listed value");
        // The suppression holds no part of the value either.
        assert!(!format!("{:?}", out.suppressed).contains(&t[4..]));
    }
    assert_eq!(allow.uses(), [2, 0]);
}

#[test]
fn fingerprints_survive_line_moves() {
    let t = gh(9);
    let a = scan("src/a.py", &format!("token = \"{t}\"\n"), None);
    let b = scan("src/a.py", &format!("\n\n\n    token = \"{t}\"\n"), None);
    assert_eq!(a[0].fingerprint, b[0].fingerprint);
    assert_ne!(a[0].line, b[0].line);
    assert_ne!(
        a[0].fingerprint,
        scan("src/b.py", &format!("token = \"{t}\"\n"), None)[0].fingerprint
    );
}

#[test]
fn redact_masks_everything_it_finds() {
    let t = gh(10);
    let aws = synth::expand("«AKIA[b32:16]»", 11);
    let log = format!(
        "push failed for https://bot:{pw}@git.internal/repo with {t}; key={aws} pw=\"Zx81#qLm0vWp\" ok",
        pw = "Qm7vT2pX9wLk"
    );
    let red = redact(&log);
    for secret in [
        t.as_str(),
        &t[4..],
        "Qm7vT2pX9wLk",
        &aws[4..],
        "Zx81#qLm0vWp",
    ] {
        assert!(!red.contains(secret), "{secret} leaked in {red}");
    }
    assert!(red.contains("https://bot:…"));
    assert!(red.contains("ghp_…"));
    assert!(red.ends_with(" ok"));
    assert_eq!(redact("nothing to see here"), "nothing to see here");
    // Redacting twice changes nothing more.
    assert_eq!(redact(&red), red);
}

#[test]
fn placeholders_and_references_are_not_secrets() {
    for line in [
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "api_key: \"<your-api-key>\"",
        "password: \"${DB_PASSWORD}\"",
        "token: \"{{ .Values.token }}\"",
        "password = os.environ[\"DB_PASSWORD\"]",
        "const secret = process.env.JWT_SECRET;",
        "password = \"aaaaaaaaaaaaaaaa\"",
        "api_key = \"abcdefghijklmnop12\"",
        "request_id = \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"",
        "commit = \"e83c5163316f89bfbde7d9ab23ca2e25604af290\"",
    ] {
        assert!(scan(".env", line, None).is_empty(), "{line}");
    }
}

#[test]
fn hostile_input_does_not_panic() {
    let mut rng = synth::Rng::new(42);
    let alphabet = "ghp_ sk-ant- AKIA password= token: \"'`\\\n\r\t{}[]()<>=:;,.-_/+ é漢😀 -----BEGIN PRIVATE KEY----- \\n eyJ xox AIza";
    let chars: Vec<char> = alphabet.chars().collect();
    for _ in 0..300 {
        let n = rng.below(400) as usize;
        let s: String = (0..n)
            .map(|_| chars[rng.below(chars.len() as u64) as usize])
            .collect();
        let _ = scan("src/fuzz.py", &s, None);
        let _ = scan("src/fuzz.py", &s, Some(&[LineRange { start: 2, end: 3 }]));
        let _ = redact(&s);
    }
    assert!(scan("src/empty.py", "", None).is_empty());
    // Multi-byte text around real findings: pragmas, comments and PEM windows.
    let t = gh(12);
    for text in [
        format!("« é »\ntoken = \"{t}\"\n"),
        format!("# «idgate: allow» é\ntoken = \"{t}\" # ü idgate: allow ü\n"),
        format!(
            "token = \"{t}\"\nPuTTY-User-Key-File-3: ssh-ed25519\n{}",
            "é".repeat(5000)
        ),
    ] {
        let _ = scan_with("src/u.py", &text, None, &Allowlist::default());
        let _ = redact(&text);
    }
}

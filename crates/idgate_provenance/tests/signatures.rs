//! Commit signatures made by real `git` and `ssh-keygen` (and `gpg` with the `openpgp` feature),
//! read back with `idgate_git`, checked with `idgate_provenance::signature`.
//!
//! Needs `git` and `ssh-keygen` on `PATH` (Debian: `openssh-client`); the OpenPGP test also needs
//! `gpg` and `gpgconf` (Debian: `gnupg`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use idgate_core::{Commit, SignatureFormat, SignatureStatus};
use idgate_provenance::allowed_signers::parse_allowed_signers;
use idgate_provenance::signature::check_signature;

/// Committer time of every commit: 2023-11-14T22:13:20Z.
const TIME: &str = "1700000000 +0000";
const ALICE: &str = "alice@example.com";

fn run(dir: &Path, program: &str, args: &[&str], stdin: Option<&[u8]>) -> (bool, String, String) {
    run_as(dir, program, args, stdin, ALICE)
}

/// Run `program` with git's environment pinned; `email` is the author and committer e-mail.
fn run_as(
    dir: &Path,
    program: &str,
    args: &[&str],
    stdin: Option<&[u8]>,
    email: &str,
) -> (bool, String, String) {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", TIME)
        .env("GIT_COMMITTER_DATE", TIME)
        .env("GIT_AUTHOR_NAME", "Alice")
        .env("GIT_AUTHOR_EMAIL", email)
        .env("GIT_COMMITTER_NAME", "Alice")
        .env("GIT_COMMITTER_EMAIL", email)
        .env("TZ", "UTC")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program} (is it installed?): {e}"));
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run and require success; returns stdout.
fn ok(dir: &Path, program: &str, args: &[&str]) -> String {
    ok_in(dir, program, args, None)
}

fn ok_in(dir: &Path, program: &str, args: &[&str], stdin: Option<&[u8]>) -> String {
    let (success, stdout, stderr) = run(dir, program, args, stdin);
    assert!(success, "{program} {args:?} failed:\n{stdout}\n{stderr}");
    stdout
}

struct Key {
    private: PathBuf,
    public: PathBuf,
    /// `keytype base64` (no comment).
    line: String,
    fingerprint: String,
}

fn keygen(dir: &Path, name: &str, args: &[&str]) -> Key {
    let private = dir.join(name);
    let mut all = vec!["-q", "-N", "", "-C", name, "-f", private.to_str().unwrap()];
    all.extend_from_slice(args);
    ok(dir, "ssh-keygen", &all);
    let public = dir.join(format!("{name}.pub"));
    let text = std::fs::read_to_string(&public).unwrap();
    let line = text
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let fp = ok(dir, "ssh-keygen", &["-l", "-f", public.to_str().unwrap()]);
    let fingerprint = fp.split_whitespace().nth(1).unwrap().to_string();
    Key {
        private,
        public,
        line,
        fingerprint,
    }
}

struct Fixture {
    _tmp: tempfile::TempDir,
    repo: PathBuf,
    keys: PathBuf,
    /// The unsigned root commit.
    base: String,
    alice: Key,
    bob: Key,
    ecdsa: Key,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let keys = tmp.path().join("keys");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::create_dir_all(&keys).unwrap();
    let alice = keygen(&keys, "alice", &["-t", "ed25519"]);
    let bob = keygen(&keys, "bob", &["-t", "ed25519"]);
    let ecdsa = keygen(&keys, "alice_ecdsa", &["-t", "ecdsa", "-b", "256"]);
    ok(&repo, "git", &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join("README"), "base\n").unwrap();
    ok(&repo, "git", &["add", "README"]);
    ok(&repo, "git", &["commit", "-q", "-m", "base"]);
    let base = ok(&repo, "git", &["rev-parse", "HEAD"]).trim().to_string();
    Fixture {
        _tmp: tmp,
        repo,
        keys,
        base,
        alice,
        bob,
        ecdsa,
    }
}

impl Fixture {
    /// Make a commit signed with `key` (a `.pub` or certificate path), committed by alice.
    fn signed_commit(&self, key: &Path, msg: &str) -> String {
        self.signed_commit_as(key, ALICE, msg)
    }

    /// Make a commit signed with `key`, with `committer` as author and committer e-mail.
    fn signed_commit_as(&self, key: &Path, committer: &str, msg: &str) -> String {
        std::fs::write(self.repo.join("README"), format!("{msg}\n")).unwrap();
        ok(&self.repo, "git", &["add", "README"]);
        let signing = format!("user.signingkey={}", key.display());
        let args = [
            "-c",
            "gpg.format=ssh",
            "-c",
            &signing,
            "commit",
            "-q",
            "-S",
            "-m",
            msg,
        ];
        let (success, out, err) = run_as(&self.repo, "git", &args, None, committer);
        assert!(success, "git commit failed: {out}\n{err}");
        self.head()
    }

    fn head(&self) -> String {
        ok(&self.repo, "git", &["rev-parse", "HEAD"])
            .trim()
            .to_string()
    }

    /// The commit `id` as idgate reads it (the last commit of `base..id`).
    fn read(&self, id: &str) -> Commit {
        let repo = idgate_git::Repo::open(&self.repo, idgate_git::Limits::default()).unwrap();
        let set = repo.range(Some(&self.base), id).unwrap();
        let commit = set.commits.last().cloned().expect("a commit");
        assert_eq!(commit.id, id);
        commit
    }

    fn write_signers(&self, name: &str, text: &str) -> PathBuf {
        let path = self.keys.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `git verify-commit` with an allowed-signers file.
    fn git_verifies(&self, signers: &Path, id: &str) -> bool {
        let cfg = format!("gpg.ssh.allowedSignersFile={}", signers.display());
        run(&self.repo, "git", &["-c", &cfg, "verify-commit", id], None).0
    }

    /// Write a commit object by hand (no checks beyond git's own) and return its id.
    fn hash_commit(&self, object: &str) -> String {
        ok_in(
            &self.repo,
            "git",
            &["hash-object", "-t", "commit", "-w", "--stdin"],
            Some(object.as_bytes()),
        )
        .trim()
        .to_string()
    }

    fn raw(&self, id: &str) -> String {
        ok(&self.repo, "git", &["cat-file", "commit", id])
    }
}

/// Split a raw commit into (object without the gpgsig header, armored signature block).
fn split_gpgsig(raw: &str) -> (String, String) {
    let (head, body) = raw.split_once("\n\n").unwrap();
    let mut kept = Vec::new();
    let mut sig = Vec::new();
    let mut in_sig = false;
    for line in head.lines() {
        if let Some(first) = line.strip_prefix("gpgsig ") {
            in_sig = true;
            sig.push(first.to_string());
        } else if in_sig && line.starts_with(' ') {
            sig.push(line[1..].to_string());
        } else {
            in_sig = false;
            kept.push(line);
        }
    }
    (format!("{}\n\n{body}", kept.join("\n")), sig.join("\n"))
}

/// Insert a gpgsig header (after the committer line) into a commit object without one.
fn with_gpgsig(object: &str, block: &str) -> String {
    let (head, body) = object.split_once("\n\n").unwrap();
    let folded = block.trim_end().replace('\n', "\n ");
    format!("{head}\ngpgsig {folded}\n\n{body}")
}

fn signers_text(lines: &[String]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[test]
fn ssh_signatures_end_to_end() {
    let f = fixture();
    let good = f.signed_commit(&f.alice.public, "signed by alice");
    let commit = f.read(&good);
    assert!(commit.signature.is_some());
    assert!(commit.signed_payload.is_some());

    // Unsigned base commit.
    let base = {
        let repo = idgate_git::Repo::open(&f.repo, idgate_git::Limits::default()).unwrap();
        repo.range(None, &f.base).unwrap().commits.remove(0)
    };
    let info = check_signature(&base, None);
    assert_eq!(info.status, SignatureStatus::None);
    assert_eq!(info.format, None);

    // Good: verified, principal and fingerprint, agrees with git.
    let listed = f.write_signers(
        "good",
        &signers_text(&[format!("{ALICE} {}", f.alice.line)]),
    );
    let signers = parse_allowed_signers(&std::fs::read_to_string(&listed).unwrap());
    assert!(signers.problems.is_empty(), "{:?}", signers.problems);
    let info = check_signature(&commit, Some(&signers));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
    assert_eq!(info.format, Some(SignatureFormat::Ssh));
    assert_eq!(info.principal.as_deref(), Some(ALICE));
    assert_eq!(info.key.as_deref(), Some(f.alice.fingerprint.as_str()));
    assert_eq!(info.matches_committer, Some(true));
    assert_eq!(info.reason, None);
    assert!(
        f.git_verifies(&listed, &good),
        "git verify-commit disagrees"
    );

    // Wildcard principal and a namespaces list that includes git.
    let text = signers_text(&[format!(
        "\"*@example.com,!bot@example.com\" namespaces=\"file,git\" {}",
        f.alice.line
    )]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");

    // No allowed-signers file: valid, but unverified.
    let info = check_signature(&commit, None);
    assert_eq!(info.status, SignatureStatus::Unverified);
    assert_eq!(info.reason.as_deref(), Some("no allowed-signers file"));
    assert_eq!(info.key.as_deref(), Some(f.alice.fingerprint.as_str()));

    // Key not listed.
    let text = signers_text(&[format!("bob@example.com {}", f.bob.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert_eq!(
        info.reason.as_deref(),
        Some(
            format!(
                "key {} is not in the allowed-signers file",
                f.alice.fingerprint
            )
            .as_str()
        )
    );

    // Listed for another principal: git accepts it (it does not compare principals with the
    // committer), idgate does not.
    let other = f.write_signers(
        "other",
        &signers_text(&[format!("bob@example.com {}", f.alice.line)]),
    );
    let info = check_signature(
        &commit,
        Some(&parse_allowed_signers(
            &std::fs::read_to_string(&other).unwrap(),
        )),
    );
    assert_eq!(info.status, SignatureStatus::Bad);
    assert_eq!(info.matches_committer, Some(false));
    assert_eq!(info.principal.as_deref(), Some("bob@example.com"));
    assert_eq!(
        info.reason.as_deref(),
        Some("key belongs to bob@example.com, not the committer alice@example.com")
    );
    assert!(f.git_verifies(&other, &good));

    // Negated for the committer.
    let text = signers_text(&[format!("*@example.com,!alice@example.com {}", f.alice.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert_eq!(info.matches_committer, Some(false));

    // Expired before the commit time (git agrees).
    let expired = f.write_signers(
        "expired",
        &signers_text(&[format!(
            "{ALICE} valid-before=\"20230101Z\" {}",
            f.alice.line
        )]),
    );
    let info = check_signature(
        &commit,
        Some(&parse_allowed_signers(
            &std::fs::read_to_string(&expired).unwrap(),
        )),
    );
    assert_eq!(info.status, SignatureStatus::Bad);
    let reason = info.reason.unwrap();
    assert!(reason.contains("expired"), "{reason}");
    assert!(reason.contains("2023-11-14T22:13:20Z"), "{reason}");
    assert!(
        reason.contains("valid-before 2023-01-01T00:00:00Z"),
        "{reason}"
    );
    assert!(!f.git_verifies(&expired, &good));

    // Not yet valid.
    let text = signers_text(&[format!(
        "{ALICE} valid-after=\"202401010000Z\" {}",
        f.alice.line
    )]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    let reason = info.reason.unwrap();
    assert!(reason.contains("not yet valid"), "{reason}");

    // Inside the window.
    let text = signers_text(&[format!(
        "{ALICE} valid-after=\"20230101\",valid-before=\"20240101\" {}",
        f.alice.line
    )]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");

    // The line allows only the "file" namespace.
    let text = signers_text(&[format!("{ALICE} namespaces=\"file\" {}", f.alice.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert!(
        info.reason.as_deref().unwrap().contains("namespace"),
        "{info:?}"
    );

    // A cert-authority line with the signing key does not admit a plain-key signature.
    let text = signers_text(&[format!("{ALICE} cert-authority {}", f.alice.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);

    // Tampered payload: the valid signature block copied onto a different commit object.
    let (object, block) = split_gpgsig(&f.raw(&good));
    assert_eq!(object.as_bytes(), commit.signed_payload.as_deref().unwrap());
    let tampered = with_gpgsig(
        &object.replace("signed by alice", "signed by mallory"),
        &block,
    );
    let tampered_id = f.hash_commit(&tampered);
    let tampered_commit = f.read(&tampered_id);
    let signers = parse_allowed_signers(&std::fs::read_to_string(&listed).unwrap());
    let info = check_signature(&tampered_commit, Some(&signers));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert!(
        info.reason
            .as_deref()
            .unwrap()
            .contains("does not match the commit"),
        "{info:?}"
    );
    // Bad even without an allowed-signers file.
    assert_eq!(
        check_signature(&tampered_commit, None).status,
        SignatureStatus::Bad
    );
    assert!(!f.git_verifies(&listed, &tampered_id));

    // Garbage in the signature block of a hand-made commit object.
    for junk in [
        "-----BEGIN SSH SIGNATURE-----\nthis is not base64 at all\n-----END SSH SIGNATURE-----",
        "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAADMAAAAL\n-----END SSH SIGNATURE-----",
        "-----BEGIN SSH SIGNATURE-----\nno end line",
        "-----BEGIN WHATEVER-----\nxyz\n-----END WHATEVER-----",
        "garbage",
    ] {
        let id = f.hash_commit(&with_gpgsig(&object, junk));
        let c = f.read(&id);
        assert!(c.signature.is_some(), "{junk}");
        for s in [None, Some(&signers)] {
            let info = check_signature(&c, s);
            assert_eq!(info.status, SignatureStatus::Bad, "{junk}: {info:?}");
            assert!(info.reason.is_some());
        }
    }

    // Signed in another namespace (ssh-keygen -Y sign -n file over the real payload).
    let payload_file = f.keys.join("payload");
    std::fs::write(&payload_file, &object).unwrap();
    ok(
        &f.keys,
        "ssh-keygen",
        &[
            "-q",
            "-Y",
            "sign",
            "-n",
            "file",
            "-f",
            f.alice.private.to_str().unwrap(),
            payload_file.to_str().unwrap(),
        ],
    );
    let file_sig = std::fs::read_to_string(f.keys.join("payload.sig")).unwrap();
    let id = f.hash_commit(&with_gpgsig(&object, &file_sig));
    let info = check_signature(&f.read(&id), Some(&signers));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert_eq!(
        info.reason.as_deref(),
        Some("signed in namespace \"file\", not \"git\"")
    );

    // ssh-key reads OpenSSH's 70-column wrapping; other wrappings go through idgate's own reader.
    assert!(ssh_key::SshSig::from_pem(block.trim()).is_ok());
    let body: String = block
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .concat();
    let rewrapped = format!(
        "-----BEGIN SSH SIGNATURE-----\n{}\n-----END SSH SIGNATURE-----",
        body.as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(ssh_key::SshSig::from_pem(&rewrapped).is_err());
    let id = f.hash_commit(&with_gpgsig(&object, &rewrapped));
    let info = check_signature(&f.read(&id), Some(&signers));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");

    // The same payload signed in the git namespace by ssh-keygen directly verifies.
    std::fs::remove_file(f.keys.join("payload.sig")).unwrap();
    ok(
        &f.keys,
        "ssh-keygen",
        &[
            "-q",
            "-Y",
            "sign",
            "-n",
            "git",
            "-f",
            f.alice.private.to_str().unwrap(),
            payload_file.to_str().unwrap(),
        ],
    );
    let git_sig = std::fs::read_to_string(f.keys.join("payload.sig")).unwrap();
    let id = f.hash_commit(&with_gpgsig(&object, &git_sig));
    let info = check_signature(&f.read(&id), Some(&signers));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
}

#[test]
fn ecdsa_p256_and_rsa_signatures() {
    let f = fixture();
    let id = f.signed_commit(&f.ecdsa.public, "signed with ecdsa");
    let commit = f.read(&id);
    let listed = f.write_signers(
        "ecdsa",
        &signers_text(&[
            format!("{ALICE} {}", f.alice.line),
            format!("{ALICE} {}", f.ecdsa.line),
        ]),
    );
    let signers = parse_allowed_signers(&std::fs::read_to_string(&listed).unwrap());
    let info = check_signature(&commit, Some(&signers));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
    assert_eq!(info.key.as_deref(), Some(f.ecdsa.fingerprint.as_str()));
    assert!(f.git_verifies(&listed, &id));

    // RSA (git signs with rsa-sha2-512).
    let rsa = keygen(&f.keys, "alice_rsa", &["-t", "rsa", "-b", "2048"]);
    let id = f.signed_commit(&rsa.public, "signed with rsa");
    let text = signers_text(&[format!("{ALICE} {}", rsa.line)]);
    let info = check_signature(&f.read(&id), Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
    assert_eq!(info.key.as_deref(), Some(rsa.fingerprint.as_str()));
}

#[test]
fn committer_other_than_the_key_owner() {
    let f = fixture();
    // Bob commits as bob with his key listed for bob: verified.
    let id = f.signed_commit_as(&f.bob.public, "bob@example.com", "bob's commit");
    let commit = f.read(&id);
    assert_eq!(commit.committer.email, "bob@example.com");
    let text = signers_text(&[format!("bob@example.com {}", f.bob.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
    assert_eq!(info.principal.as_deref(), Some("bob@example.com"));

    // Bob's key, committed under alice's name.
    let id = f.signed_commit_as(&f.bob.public, ALICE, "impersonation");
    let commit = f.read(&id);
    let text = signers_text(&[
        format!("{ALICE} {}", f.alice.line),
        format!("bob@example.com {}", f.bob.line),
    ]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert_eq!(info.matches_committer, Some(false));
    assert_eq!(info.principal.as_deref(), Some("bob@example.com"));
}

#[test]
fn certificate_signatures() {
    let f = fixture();
    let ca = keygen(&f.keys, "ca", &["-t", "ed25519"]);
    let user = keygen(&f.keys, "carol", &["-t", "ed25519"]);
    // Certificate for carol@example.com, valid 2023-01-01 .. 2024-01-01 (UTC).
    ok(
        &f.keys,
        "ssh-keygen",
        &[
            "-q",
            "-s",
            ca.private.to_str().unwrap(),
            "-I",
            "carol",
            "-n",
            "carol@example.com",
            "-V",
            "20230101000000Z:20240101000000Z",
            user.public.to_str().unwrap(),
        ],
    );
    let cert = f.keys.join("carol-cert.pub");
    assert!(cert.exists());
    let id = f.signed_commit_as(&cert, "carol@example.com", "signed with a certificate");
    let commit = f.read(&id);
    assert!(
        commit
            .signature
            .as_deref()
            .unwrap()
            .starts_with("-----BEGIN SSH SIGNATURE-----")
    );

    let listed = f.write_signers(
        "ca_signers",
        &signers_text(&[format!("*@example.com cert-authority {}", ca.line)]),
    );
    let signers = parse_allowed_signers(&std::fs::read_to_string(&listed).unwrap());
    // ssh-key 0.6.7 cannot read an sshsig that embeds a certificate; idgate reads it itself.
    assert!(ssh_key::SshSig::from_pem(commit.signature.as_deref().unwrap().trim()).is_err());
    let info = check_signature(&commit, Some(&signers));
    assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
    assert_eq!(info.principal.as_deref(), Some("carol@example.com"));
    // Like git, the fingerprint is the certified key's, not the CA's.
    assert_eq!(info.key.as_deref(), Some(user.fingerprint.as_str()));
    assert!(f.git_verifies(&listed, &id));

    // The CA line must be a cert-authority line.
    let text = signers_text(&[format!("*@example.com {}", ca.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert!(
        info.reason
            .as_deref()
            .unwrap()
            .contains("not a cert-authority"),
        "{info:?}"
    );

    // Listing the certified key itself (plain line) is not enough for a certificate signature.
    let text = signers_text(&[format!("carol@example.com {}", user.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);

    // CA trusted for another domain only.
    let text = signers_text(&[format!("*@other.example cert-authority {}", ca.line)]);
    let info = check_signature(&commit, Some(&parse_allowed_signers(&text)));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert_eq!(info.matches_committer, Some(false));

    // Valid certificate, but for carol: committed as dave.
    let id = f.signed_commit_as(&cert, "dave@example.com", "dave with carol's certificate");
    let info = check_signature(&f.read(&id), Some(&signers));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert!(
        info.reason
            .as_deref()
            .unwrap()
            .contains("certificate is for carol@example.com"),
        "{info:?}"
    );

    // Certificate expired before the commit time.
    ok(
        &f.keys,
        "ssh-keygen",
        &[
            "-q",
            "-s",
            ca.private.to_str().unwrap(),
            "-I",
            "carol-old",
            "-n",
            "carol@example.com",
            "-V",
            "20200101000000Z:20210101000000Z",
            user.public.to_str().unwrap(),
        ],
    );
    let id = f.signed_commit_as(&cert, "carol@example.com", "old certificate");
    let info = check_signature(&f.read(&id), Some(&signers));
    assert_eq!(info.status, SignatureStatus::Bad);
    assert!(
        info.reason.as_deref().unwrap().contains("not valid at"),
        "{info:?}"
    );
    assert!(!f.git_verifies(&listed, &id));

    // Unverified without a file, like plain keys.
    assert_eq!(
        check_signature(&f.read(&id), None).status,
        SignatureStatus::Unverified
    );
}

#[test]
fn other_formats() {
    let f = fixture();
    let good = f.signed_commit(&f.alice.public, "signed");
    let (object, _) = split_gpgsig(&f.raw(&good));

    let x509 = "-----BEGIN SIGNED MESSAGE-----\nMIIBAAAA\n-----END SIGNED MESSAGE-----";
    let info = check_signature(&f.read(&f.hash_commit(&with_gpgsig(&object, x509))), None);
    assert_eq!(info.status, SignatureStatus::Unverified);
    assert_eq!(info.format, Some(SignatureFormat::X509));
    assert_eq!(
        info.reason.as_deref(),
        Some("X.509/gitsign signatures are not verified offline")
    );

    let pgp =
        "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----";
    let info = check_signature(&f.read(&f.hash_commit(&with_gpgsig(&object, pgp))), None);
    assert_eq!(info.format, Some(SignatureFormat::Openpgp));
    assert_eq!(info.status, SignatureStatus::Unverified);
    if cfg!(feature = "openpgp") {
        assert_eq!(info.reason.as_deref(), Some("no OpenPGP keyring"));
    } else {
        assert_eq!(
            info.reason.as_deref(),
            Some("OpenPGP verification not built in (feature openpgp)")
        );
    }
}

#[cfg(feature = "openpgp")]
mod openpgp {
    use super::*;
    use idgate_provenance::signature::{OpenPgpKeyring, check_signature_with_keyring};

    /// A GnuPG home in a temp dir; its agent is stopped on drop.
    struct Gpg {
        home: tempfile::TempDir,
    }

    impl Gpg {
        fn new() -> Gpg {
            Gpg {
                home: tempfile::Builder::new().prefix("g").tempdir().unwrap(),
            }
        }

        fn run(&self, dir: &Path, program: &str, args: &[&str]) -> String {
            let out = Command::new(program)
                .current_dir(dir)
                .args(args)
                .env("GNUPGHOME", self.home.path())
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_AUTHOR_DATE", TIME)
                .env("GIT_COMMITTER_DATE", TIME)
                .env("GIT_AUTHOR_NAME", "Alice")
                .env("GIT_AUTHOR_EMAIL", ALICE)
                .env("GIT_COMMITTER_NAME", "Alice")
                .env("GIT_COMMITTER_EMAIL", ALICE)
                .stdin(Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("cannot run {program} (is it installed?): {e}"));
            assert!(
                out.status.success(),
                "{program} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        }

        fn gpg(&self, args: &[&str]) -> String {
            let mut all = vec!["--batch", "--pinentry-mode", "loopback", "--passphrase", ""];
            all.extend_from_slice(args);
            self.run(self.home.path(), "gpg", &all)
        }

        /// Fingerprints (primary first, then subkeys) of a key.
        fn fingerprints(&self, uid: &str) -> Vec<String> {
            self.gpg(&["--with-colons", "--list-keys", uid])
                .lines()
                .filter(|l| l.starts_with("fpr:"))
                .map(|l| l.split(':').nth(9).unwrap().to_string())
                .collect()
        }
    }

    impl Drop for Gpg {
        fn drop(&mut self) {
            let _ = Command::new("gpgconf")
                .args(["--kill", "gpg-agent"])
                .env("GNUPGHOME", self.home.path())
                .output();
        }
    }

    #[test]
    fn openpgp_signatures() {
        let f = fixture();
        let gpg = Gpg::new();
        gpg.gpg(&[
            "--quick-gen-key",
            "Alice <alice@example.com>",
            "ed25519",
            "sign",
            "0",
        ]);
        gpg.gpg(&[
            "--quick-gen-key",
            "Mallory <mallory@example.com>",
            "ed25519",
            "sign",
            "0",
        ]);
        let primary = gpg.fingerprints(ALICE)[0].clone();

        let commit_with = |key: &str, msg: &str| {
            std::fs::write(f.repo.join("README"), format!("{msg}\n")).unwrap();
            gpg.run(&f.repo, "git", &["add", "README"]);
            let signing = format!("user.signingkey={key}!");
            gpg.run(
                &f.repo,
                "git",
                &[
                    "-c",
                    "gpg.program=gpg",
                    "-c",
                    &signing,
                    "commit",
                    "-q",
                    "-S",
                    "-m",
                    msg,
                ],
            );
            f.head()
        };

        let by_primary = commit_with(&primary, "pgp primary");
        gpg.gpg(&["--quick-add-key", &primary, "ed25519", "sign", "0"]);
        let fprs = gpg.fingerprints(ALICE);
        assert_eq!(fprs.len(), 2);
        let subkey = fprs[1].clone();
        let by_subkey = commit_with(&subkey, "pgp subkey");
        let mallory = gpg.fingerprints("mallory@example.com")[0].clone();
        let by_mallory = commit_with(&mallory, "pgp mallory");

        let alice_keys = gpg.gpg(&["--armor", "--export", ALICE]);
        let mallory_keys = gpg.gpg(&["--armor", "--export", "mallory@example.com"]);
        let ring = OpenPgpKeyring::parse(&format!("{alice_keys}\n{mallory_keys}"));
        assert!(ring.problems.is_empty(), "{:?}", ring.problems);
        assert_eq!(ring.len(), 2);

        let check = |id: &str, ring: Option<&OpenPgpKeyring>| {
            check_signature_with_keyring(&f.read(id), None, ring)
        };

        let info = check(&by_primary, Some(&ring));
        assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
        assert_eq!(info.format, Some(SignatureFormat::Openpgp));
        assert_eq!(info.principal.as_deref(), Some(ALICE));
        assert_eq!(info.key.as_deref(), Some(primary.as_str()));
        assert_eq!(info.matches_committer, Some(true));

        let info = check(&by_subkey, Some(&ring));
        assert_eq!(info.status, SignatureStatus::Verified, "{info:?}");
        assert_eq!(info.key.as_deref(), Some(subkey.as_str()));

        // Mallory's key, committed as alice.
        let info = check(&by_mallory, Some(&ring));
        assert_eq!(info.status, SignatureStatus::Bad, "{info:?}");
        assert_eq!(info.matches_committer, Some(false));
        assert_eq!(
            info.reason.as_deref(),
            Some("key belongs to mallory@example.com, not the committer alice@example.com")
        );

        // Key not in the keyring.
        let only_mallory = OpenPgpKeyring::parse(&mallory_keys);
        let info = check(&by_primary, Some(&only_mallory));
        assert_eq!(info.status, SignatureStatus::Bad, "{info:?}");
        assert!(
            info.reason
                .as_deref()
                .unwrap()
                .contains("not in the OpenPGP keyring"),
            "{info:?}"
        );

        // No keyring.
        let info = check(&by_primary, None);
        assert_eq!(info.status, SignatureStatus::Unverified);
        assert_eq!(info.reason.as_deref(), Some("no OpenPGP keyring"));

        // Tampered payload.
        let (object, block) = split_gpgsig(&f.raw(&by_primary));
        let tampered = f.hash_commit(&with_gpgsig(
            &object.replace("pgp primary", "pgp tampered"),
            &block,
        ));
        let info = check(&tampered, Some(&ring));
        assert_eq!(info.status, SignatureStatus::Bad, "{info:?}");
        assert!(
            info.reason.as_deref().unwrap().contains("does not match"),
            "{info:?}"
        );

        // Garbage armor.
        let junk =
            "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----";
        let info = check(&f.hash_commit(&with_gpgsig(&object, junk)), Some(&ring));
        assert_eq!(info.status, SignatureStatus::Bad, "{info:?}");

        // The SSH path is unaffected by the keyring.
        let info =
            check_signature_with_keyring(&f.read(&f.base_child_unsigned()), None, Some(&ring));
        assert_eq!(info.status, SignatureStatus::None);
    }

    impl Fixture {
        fn base_child_unsigned(&self) -> String {
            std::fs::write(self.repo.join("README"), "unsigned\n").unwrap();
            ok(&self.repo, "git", &["add", "README"]);
            ok(&self.repo, "git", &["commit", "-q", "-m", "unsigned"]);
            self.head()
        }
    }
}

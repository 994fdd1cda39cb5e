//! Commit-level classification from the signal catalogue.

use std::borrow::Cow;

use idgate_core::{Actor, Commit, Provenance, SignatureInfo, SignatureStatus};

/// Where a signal is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The e-mail of a `Co-authored-by:` trailer (case-insensitive key). A squash commit that
    /// names an agent as co-author is agent-assisted.
    CoAuthorEmail,
    /// The author's or committer's e-mail.
    IdentityEmail,
    /// A GitHub `<id>+<login>@users.noreply.github.com` address (author, committer or co-author),
    /// matched by numeric id, which survives login renames.
    GitHubBotId,
    /// A trailer key, whatever its value.
    TrailerKey,
    /// A `key: value` trailer with this exact value (case-insensitive), written `key=value`.
    TrailerValue,
    /// A substring of the message (lowercase).
    MessageText,
    /// A suffix of the author's or committer's display name (aider's ` (aider)`).
    NameSuffix,
    /// A prefix of the branch the change comes from, when the branch is known.
    BranchPrefix,
}

impl Place {
    /// The kebab-case name used in policy files.
    pub const fn name(self) -> &'static str {
        match self {
            Place::CoAuthorEmail => "co-author-email",
            Place::IdentityEmail => "identity-email",
            Place::GitHubBotId => "github-bot-id",
            Place::TrailerKey => "trailer-key",
            Place::TrailerValue => "trailer-value",
            Place::MessageText => "message-text",
            Place::NameSuffix => "name-suffix",
            Place::BranchPrefix => "branch-prefix",
        }
    }

    /// Parse a kebab-case name.
    pub fn from_name(name: &str) -> Option<Place> {
        [
            Place::CoAuthorEmail,
            Place::IdentityEmail,
            Place::GitHubBotId,
            Place::TrailerKey,
            Place::TrailerValue,
            Place::MessageText,
            Place::NameSuffix,
            Place::BranchPrefix,
        ]
        .into_iter()
        .find(|p| p.name() == name)
    }
}

/// One signal of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    /// Agent id as reported (`claude-code`), or a bot's name for non-AI automation.
    pub agent: Cow<'static, str>,
    /// Whether the actor is an AI agent (`true`) or plain automation (`false`).
    pub ai: bool,
    /// Where to look.
    pub place: Place,
    /// What to match (lowercase).
    pub pattern: Cow<'static, str>,
    /// How much the signal alone says, from 0 to 1. Signals combine as independent evidence:
    /// confidence = 1 − Π(1 − weight).
    pub weight: f32,
}

const fn sig(
    agent: &'static str,
    ai: bool,
    place: Place,
    pattern: &'static str,
    weight: f32,
) -> Signal {
    Signal {
        agent: Cow::Borrowed(agent),
        ai,
        place,
        pattern: Cow::Borrowed(pattern),
        weight,
    }
}

use Place::*;

// Weights: an agent's own address or bot id is close to proof of a tool's involvement (0.9); its
// own trailers and footers are strong (0.8, 0.7); generic disclosure trailers and branch names
// are weaker (0.7, 0.5). All text markers are forgeable; only signatures prove anything.
/// The built-in signal table. Facts from research/provenance.md (agents' docs, observed commits).
pub static CATALOGUE: &[Signal] = &[
    sig(
        "claude-code",
        true,
        CoAuthorEmail,
        "noreply@anthropic.com",
        0.9,
    ),
    sig(
        "claude-code",
        true,
        IdentityEmail,
        "noreply@anthropic.com",
        0.9,
    ),
    sig(
        "claude-code",
        true,
        MessageText,
        "generated with [claude code]",
        0.7,
    ),
    sig("claude-code", true, TrailerKey, "claude-session", 0.8),
    sig("claude-code", true, GitHubBotId, "209825114", 0.9),
    sig("claude-code", true, GitHubBotId, "215619710", 0.9),
    sig("claude-code", true, GitHubBotId, "208546643", 0.9),
    sig("claude-code", true, BranchPrefix, "claude/", 0.5),
    sig("github-copilot", true, GitHubBotId, "198982749", 0.9),
    sig("github-copilot", true, GitHubBotId, "175728472", 0.9),
    sig("github-copilot", true, GitHubBotId, "167198135", 0.9),
    sig("github-copilot", true, GitHubBotId, "223556219", 0.9),
    sig(
        "github-copilot",
        true,
        CoAuthorEmail,
        "copilot@github.com",
        0.8,
    ),
    sig("github-copilot", true, TrailerKey, "agent-logs-url", 0.8),
    sig("github-copilot", true, BranchPrefix, "copilot/", 0.5),
    sig("cursor", true, CoAuthorEmail, "cursoragent@cursor.com", 0.9),
    sig("cursor", true, IdentityEmail, "cursoragent@cursor.com", 0.9),
    sig("cursor", true, TrailerValue, "made-with=cursor", 0.8),
    sig("cursor", true, GitHubBotId, "206951365", 0.9),
    sig("cursor", true, GitHubBotId, "201670782", 0.9),
    sig("cursor", true, BranchPrefix, "cursor/", 0.5),
    sig("aider", true, NameSuffix, " (aider)", 0.9),
    sig("aider", true, CoAuthorEmail, "noreply@aider.chat", 0.9),
    sig("aider", true, CoAuthorEmail, "noreply@aider.dev", 0.9),
    sig("aider", true, BranchPrefix, "aider/", 0.5),
    sig(
        "openai-codex",
        true,
        CoAuthorEmail,
        "noreply@openai.com",
        0.9,
    ),
    sig(
        "openai-codex",
        true,
        IdentityEmail,
        "noreply@openai.com",
        0.9,
    ),
    sig("openai-codex", true, IdentityEmail, "codex@openai.com", 0.9),
    sig("openai-codex", true, GitHubBotId, "215057067", 0.9),
    sig("openai-codex", true, GitHubBotId, "199175422", 0.9),
    sig("openai-codex", true, BranchPrefix, "codex/", 0.5),
    sig("devin", true, GitHubBotId, "158243242", 0.9),
    sig("devin", true, MessageText, "generated with [devin]", 0.7),
    sig("devin", true, BranchPrefix, "devin/", 0.5),
    sig("jules", true, GitHubBotId, "161369871", 0.9),
    sig("gemini", true, GitHubBotId, "176961590", 0.9),
    sig("gemini", true, BranchPrefix, "gemini/", 0.5),
    sig("amazon-q", true, GitHubBotId, "208079219", 0.9),
    sig("cline", true, GitHubBotId, "205137888", 0.9),
    sig("cline", true, BranchPrefix, "cline/", 0.5),
    sig("continue", true, GitHubBotId, "230936708", 0.9),
    sig(
        "openhands",
        true,
        CoAuthorEmail,
        "openhands@all-hands.dev",
        0.9,
    ),
    sig(
        "openhands",
        true,
        IdentityEmail,
        "openhands@all-hands.dev",
        0.9,
    ),
    sig("amp", true, CoAuthorEmail, "amp@ampcode.com", 0.9),
    sig("amp", true, TrailerKey, "amp-thread-id", 0.8),
    sig("opencode", true, CoAuthorEmail, "noreply@opencode.ai", 0.9),
    sig(
        "opencode",
        true,
        MessageText,
        "generated with opencode",
        0.7,
    ),
    sig("replit", true, TrailerKey, "replit-commit-author", 0.8),
    sig("generic-ai", true, TrailerKey, "assisted-by", 0.7),
    sig("generic-ai", true, TrailerKey, "generated-by", 0.7),
    sig("github-actions", false, GitHubBotId, "41898282", 0.9),
    sig("dependabot", false, GitHubBotId, "49699333", 0.9),
    sig("renovate", false, GitHubBotId, "29139614", 0.9),
];

/// What classification may use beyond the commit itself.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// Extra signals (from the trusted policy), checked after the built-in ones.
    pub extra: &'a [Signal],
    /// The branch the change comes from (`--branch`, or the CI's environment), if known.
    pub branch: Option<&'a str>,
    /// Principal patterns the policy lists as people: a verified signature by one makes `human`.
    pub people: &'a [String],
    /// Principal patterns of agents' own signing keys, with the agent's name.
    pub agent_signers: &'a [(String, String)],
}

/// The numeric id of a GitHub noreply address `<id>+<login>@users.noreply.github.com`.
fn github_id(email: &str) -> Option<&str> {
    let local = email.strip_suffix("@users.noreply.github.com")?;
    let (id, _login) = local.split_once('+')?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

/// The address inside `Name <address>`.
fn angle_email(value: &str) -> Option<String> {
    let start = value.rfind('<')?;
    let end = value[start..].find('>')? + start;
    Some(value[start + 1..end].trim().to_ascii_lowercase())
}

/// Whether `text` matches a `*`/`?` glob `pattern` (case-insensitive).
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

/// What one signal found in a commit, if anything.
fn find(
    signal: &Signal,
    commit: &Commit,
    branch: Option<&str>,
    co_authors: &[String],
) -> Option<String> {
    let pattern = signal.pattern.as_ref();
    let identities = [
        (
            "author",
            &commit.author.name,
            commit.author.email.to_ascii_lowercase(),
        ),
        (
            "committer",
            &commit.committer.name,
            commit.committer.email.to_ascii_lowercase(),
        ),
    ];
    match signal.place {
        CoAuthorEmail => co_authors
            .iter()
            .find(|e| *e == pattern)
            .map(|e| format!("Co-authored-by trailer names {e}")),
        IdentityEmail => identities
            .iter()
            .find(|(_, _, e)| e == pattern)
            .map(|(role, _, e)| format!("{role} e-mail is {e}")),
        GitHubBotId => identities
            .iter()
            .map(|(role, _, e)| (role.to_string(), e.clone()))
            .chain(
                co_authors
                    .iter()
                    .map(|e| ("co-author".to_string(), e.clone())),
            )
            .find(|(_, e)| github_id(e) == Some(pattern))
            .map(|(role, e)| format!("{role} is GitHub account id {pattern} ({e})")),
        TrailerKey => commit
            .trailers
            .iter()
            .find(|t| t.key.eq_ignore_ascii_case(pattern))
            .map(|t| format!("trailer {}: present", t.key)),
        TrailerValue => pattern.split_once('=').and_then(|(k, v)| {
            commit
                .trailers
                .iter()
                .find(|t| t.key.eq_ignore_ascii_case(k) && t.value.trim().eq_ignore_ascii_case(v))
                .map(|t| format!("trailer {}: {}", t.key, t.value.trim()))
        }),
        MessageText => commit
            .message
            .to_ascii_lowercase()
            .contains(pattern)
            .then(|| format!("message contains \"{pattern}\"")),
        NameSuffix => identities
            .iter()
            .find(|(_, n, _)| n.to_ascii_lowercase().ends_with(pattern))
            .map(|(role, n, _)| format!("{role} name \"{n}\" carries the agent suffix")),
        BranchPrefix => branch
            .filter(|b| b.to_ascii_lowercase().starts_with(pattern))
            .map(|b| format!("branch {b} starts with {pattern}")),
    }
}

/// The catalogue's agent id for a git-ai / Agent Trace tool name.
fn agent_of_tool(tool: &str) -> &str {
    match tool {
        "claude" | "claude-code" | "claude-web" => "claude-code",
        "copilot" | "github-copilot" | "github-copilot-cli" => "github-copilot",
        "codex" | "codex-cloud" => "openai-codex",
        "continue-cli" => "continue",
        other => other,
    }
}

/// Classify one commit. `signature` is the result of checking its signature (see
/// [`crate::signature`]); pass [`SignatureInfo::none`]-like values when nothing was checked.
pub fn classify(commit: &Commit, signature: SignatureInfo, cx: &Context<'_>) -> Provenance {
    let co_authors: Vec<String> = commit
        .trailers
        .iter()
        .filter(|t| t.key.eq_ignore_ascii_case("co-authored-by"))
        .filter_map(|t| angle_email(&t.value))
        .collect();
    // Per candidate actor: (name, is_ai, product of (1 - weight)).
    let mut candidates: Vec<(String, bool, f32)> = Vec::new();
    let mut evidence = Vec::new();
    let mut add = |agent: &str, ai: bool, weight: f32, text: String, evidence: &mut Vec<String>| {
        match candidates.iter_mut().find(|(a, _, _)| a == agent) {
            Some(c) => c.2 *= 1.0 - weight.clamp(0.0, 1.0),
            None => candidates.push((agent.to_string(), ai, 1.0 - weight.clamp(0.0, 1.0))),
        }
        let line = format!("{agent}: {text} (weight {weight:.1})");
        if !evidence.contains(&line) {
            evidence.push(line);
        }
    };
    for signal in CATALOGUE.iter().chain(cx.extra) {
        if let Some(text) = find(signal, commit, cx.branch, &co_authors) {
            add(&signal.agent, signal.ai, signal.weight, text, &mut evidence);
        }
    }
    // A git-ai note that attests AI-written lines makes the commit agent-assisted. Notes are
    // unsigned, so this is a marker like a trailer, never proof.
    for (reference, text) in &commit.notes {
        if reference != "refs/notes/ai" {
            continue;
        }
        match crate::attribution::parse_git_ai_note(text) {
            Err(e) => evidence.push(format!(
                "git-ai note on this commit does not parse ({e}); ignored"
            )),
            Ok(note) => {
                let ai_keys: Vec<&str> = note
                    .files
                    .iter()
                    .flat_map(|f| &f.entries)
                    .filter(|a| {
                        matches!(
                            a.kind,
                            crate::attribution::KeyKind::Session
                                | crate::attribution::KeyKind::Prompt
                        )
                    })
                    .map(|a| a.metadata_key())
                    .collect();
                let Some(first) = ai_keys.first() else {
                    continue;
                };
                let tool = note
                    .sessions
                    .get(*first)
                    .or_else(|| note.prompts.get(*first))
                    .and_then(|r| r.tool.clone());
                let agent = tool.as_deref().map_or("git-ai-attributed", agent_of_tool);
                let mut text = format!(
                    "git-ai note attributes lines to an AI session ({})",
                    tool.as_deref().unwrap_or("tool not named")
                );
                if note.base_matches(&commit.id) == Some(false) {
                    text.push_str("; its base_commit_sha names another commit (copied note?)");
                }
                add(agent, true, 0.8, text, &mut evidence);
            }
        }
    }

    // A verified signature is the only proof: by an agent's own key it names the agent; by a
    // person the policy lists it makes the commit human unless agent markers say otherwise.
    let verified = (signature.status == SignatureStatus::Verified)
        .then_some(signature.principal.as_deref())
        .flatten();
    let mut signed_by_person = false;
    if let Some(principal) = verified {
        if let Some((_, agent)) = cx.agent_signers.iter().find(|(p, _)| glob(p, principal)) {
            add(
                agent,
                true,
                1.0,
                format!("commit signed with the agent's own key (principal {principal})"),
                &mut evidence,
            );
        } else if cx.people.iter().any(|p| glob(p, principal)) {
            signed_by_person = true;
        }
    }

    // The strongest AI candidate wins; plain automation only when no AI signal exists.
    let best = |ai: bool| {
        candidates
            .iter()
            .filter(|c| c.1 == ai)
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(name, _, rest)| (name.clone(), 1.0 - rest))
    };
    let (actor, agent, confidence) = if let Some((name, conf)) = best(true) {
        if signed_by_person {
            evidence.push(format!(
                "signed by {} (a person), with agent markers: agent-assisted",
                verified.unwrap_or_default()
            ));
        }
        (Actor::Agent, Some(name), conf)
    } else if let Some((name, conf)) = best(false) {
        (Actor::Bot, Some(name), conf)
    } else if signed_by_person {
        evidence.push(format!(
            "verified signature by {}, whom the policy lists as a person",
            verified.unwrap_or_default()
        ));
        (Actor::Human, None, 1.0)
    } else {
        let why = match (signature.status, verified) {
            (SignatureStatus::Verified, Some(p)) => format!(
                "no agent or bot marker; signed by {p}, whom the policy does not list as a person"
            ),
            _ => "no agent or bot marker found (absence is not evidence of a person)".to_string(),
        };
        evidence.push(why);
        (Actor::Unknown, None, 0.0)
    };
    Provenance {
        commit: commit.id.clone(),
        actor,
        agent,
        confidence: (confidence * 100.0).round() / 100.0,
        evidence,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_core::{Identity, Trailer};

    fn commit(author: (&str, &str), trailers: &[(&str, &str)], message: &str) -> Commit {
        let id = |(name, email): (&str, &str)| Identity {
            name: name.into(),
            email: email.into(),
            time: 0,
            offset: 0,
        };
        Commit {
            id: "c0ffee".into(),
            parents: vec![],
            author: id(author),
            committer: id(author),
            message: message.into(),
            trailers: trailers
                .iter()
                .map(|(k, v)| Trailer {
                    key: (*k).into(),
                    value: (*v).into(),
                })
                .collect(),
            signature: None,
            signed_payload: None,
            notes: vec![],
            paths: vec![],
        }
    }

    fn run(c: &Commit) -> Provenance {
        classify(c, SignatureInfo::none(), &Context::default())
    }

    fn verified(principal: &str) -> SignatureInfo {
        SignatureInfo {
            status: SignatureStatus::Verified,
            principal: Some(principal.into()),
            matches_committer: Some(true),
            ..SignatureInfo::none()
        }
    }

    #[test]
    fn claude_trailer_with_model_name_is_an_agent() {
        let p = run(&commit(
            ("Ann", "ann@example.com"),
            &[("Co-Authored-By", "Claude Opus 4.5 <noreply@anthropic.com>")],
            "fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>",
        ));
        assert_eq!(p.actor, Actor::Agent);
        assert_eq!(p.agent.as_deref(), Some("claude-code"));
        assert!(p.evidence[0].contains("noreply@anthropic.com"));
        // Two independent signals: 1 - 0.1 * 0.3.
        assert!((p.confidence - 0.97).abs() < 1e-6, "{}", p.confidence);
    }

    #[test]
    fn copilot_agent_by_numeric_id_despite_login() {
        let p = run(&commit(
            (
                "Copilot",
                "198982749+copilot-swe-agent[bot]@users.noreply.github.com",
            ),
            &[],
            "x",
        ));
        assert_eq!(p.agent.as_deref(), Some("github-copilot"));
    }

    #[test]
    fn names_and_bare_noreply_domain_are_not_signals() {
        for author in [
            ("Claude", "claude@example.org"),
            ("Devin Smith", "12345+devin@users.noreply.github.com"),
            ("cursor", "me@cursor.example"),
        ] {
            let p = run(&commit(author, &[], "x"));
            assert_eq!(p.actor, Actor::Unknown, "{author:?}");
            assert_eq!(p.agent, None);
            assert_eq!(p.confidence, 0.0);
        }
    }

    #[test]
    fn automation_is_a_bot_not_an_agent() {
        let p = run(&commit(
            (
                "dependabot[bot]",
                "49699333+dependabot[bot]@users.noreply.github.com",
            ),
            &[],
            "bump",
        ));
        assert_eq!(p.actor, Actor::Bot);
    }

    #[test]
    fn aider_suffix_cursor_trailer_and_branch() {
        let p = run(&commit(("Ann (aider)", "ann@example.com"), &[], "x"));
        assert_eq!(p.agent.as_deref(), Some("aider"));
        let p = run(&commit(
            ("Ann", "ann@example.com"),
            &[("Made-with", "Cursor")],
            "x",
        ));
        assert_eq!(p.agent.as_deref(), Some("cursor"));
        let c = commit(("Ann", "ann@example.com"), &[], "x");
        let p = classify(
            &c,
            SignatureInfo::none(),
            &Context {
                branch: Some("codex/fix-login"),
                ..Context::default()
            },
        );
        assert_eq!(p.agent.as_deref(), Some("openai-codex"));
        assert!((p.confidence - 0.5).abs() < 1e-6);
    }

    #[test]
    fn human_needs_a_verified_signature_by_a_listed_person() {
        let c = commit(("Ann", "ann@example.com"), &[], "x");
        let people = vec!["*@example.com".to_string()];
        let cx = Context {
            people: &people,
            ..Context::default()
        };
        assert_eq!(
            classify(&c, verified("ann@example.com"), &cx).actor,
            Actor::Human
        );
        // Unverified or unlisted: still unknown.
        let unverified = SignatureInfo {
            status: SignatureStatus::Unverified,
            ..SignatureInfo::none()
        };
        assert_eq!(classify(&c, unverified, &cx).actor, Actor::Unknown);
        assert_eq!(
            classify(&c, verified("ann@example.com"), &Context::default()).actor,
            Actor::Unknown
        );
        // A person's signature does not hide agent markers.
        let c = commit(
            ("Ann", "ann@example.com"),
            &[("Co-authored-by", "Claude <noreply@anthropic.com>")],
            "x",
        );
        let p = classify(&c, verified("ann@example.com"), &cx);
        assert_eq!(p.actor, Actor::Agent);
        assert!(p.evidence.iter().any(|e| e.contains("agent-assisted")));
    }

    #[test]
    fn an_agents_own_key_names_the_agent() {
        let c = commit(("Build Agent", "agent@example.com"), &[], "x");
        let agents = vec![("agent@example.com".to_string(), "acme-agent".to_string())];
        let cx = Context {
            agent_signers: &agents,
            ..Context::default()
        };
        let p = classify(&c, verified("agent@example.com"), &cx);
        assert_eq!(
            (p.actor, p.agent.as_deref()),
            (Actor::Agent, Some("acme-agent"))
        );
        assert_eq!(p.confidence, 1.0);
    }

    #[test]
    fn globs() {
        assert!(glob("*@example.com", "Ann@Example.com"));
        assert!(glob("a?n@x", "ann@x"));
        assert!(!glob("*@example.com", "ann@example.com.evil"));
    }
}

#[cfg(test)]
mod note_tests {
    use super::*;
    use idgate_core::Identity;

    fn with_note(note: &str) -> Commit {
        let who = Identity {
            name: "Ann".into(),
            email: "ann@example.com".into(),
            time: 0,
            offset: 0,
        };
        Commit {
            id: "abc123".into(),
            parents: vec![],
            author: who.clone(),
            committer: who,
            message: "x".into(),
            trailers: vec![],
            signature: None,
            signed_payload: None,
            notes: vec![("refs/notes/ai".into(), note.into())],
            paths: vec![],
        }
    }

    #[test]
    fn git_ai_notes_mark_the_commit_and_broken_ones_are_reported() {
        let good = "a.py\n  s_0123456789abcd::t_0123456789abcd 1-3\n---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"abc123\",\"prompts\":{},\"sessions\":{\"s_0123456789abcd\":{\"agent_id\":{\"tool\":\"cursor\",\"id\":\"1\",\"model\":\"m\"}}}}\n";
        let p = classify(&with_note(good), SignatureInfo::none(), &Context::default());
        assert_eq!(
            (p.actor, p.agent.as_deref()),
            (Actor::Agent, Some("cursor"))
        );

        let p = classify(
            &with_note("a.py\n  s_x 5-3\n"),
            SignatureInfo::none(),
            &Context::default(),
        );
        assert_eq!(p.actor, Actor::Unknown);
        assert!(
            p.evidence.iter().any(|e| e.contains("does not parse")),
            "{:?}",
            p.evidence
        );
    }
}

//! Who made a commit: agent, bot, human or unknown, with the evidence.
//!
//! [`classify`] reads only commit metadata (no I/O). Signals come from one table, [`CATALOGUE`]:
//! co-author trailers and author/committer e-mail addresses of AI coding agents, GitHub bot
//! numeric ids (stable across login renames), agent-specific trailers, and message footers.
//! Addresses are matched, never display names ("Claude" and "Devin" are people's names too), and
//! the bare GitHub noreply domain is never a signal on its own.
//!
//! No marker means [`Actor::Unknown`], never human: agent trailers are routinely stripped. A
//! commit is [`Actor::Human`] only on positive evidence, which needs a verified signature by a
//! principal the policy lists as a person; until signatures are verified nothing here returns it.

use idgate_core::{Actor, Commit, Provenance, SignatureInfo};

/// Where a signal is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The e-mail of a `Co-authored-by:` trailer (case-insensitive key).
    CoAuthorEmail,
    /// The author's or committer's e-mail.
    IdentityEmail,
    /// A GitHub `<id>+<login>@users.noreply.github.com` address (author, committer or co-author),
    /// matched by numeric id.
    GitHubBotId,
    /// A trailer key, whatever its value.
    TrailerKey,
    /// A `key: value` trailer with this exact value (case-insensitive), written `key=value`.
    TrailerValue,
    /// A substring of the message body.
    MessageText,
    /// A suffix of the author's or committer's display name (aider's ` (aider)`).
    NameSuffix,
}

/// One signal of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Signal {
    /// Agent id as reported (`claude-code`), or a bot's name for non-AI automation.
    pub agent: &'static str,
    /// Whether the actor is an AI agent (`true`) or plain automation (`false`).
    pub ai: bool,
    /// Where to look.
    pub place: Place,
    /// What to match (lowercase).
    pub pattern: &'static str,
}

const fn ai(agent: &'static str, place: Place, pattern: &'static str) -> Signal {
    Signal {
        agent,
        ai: true,
        place,
        pattern,
    }
}

const fn bot(agent: &'static str, place: Place, pattern: &'static str) -> Signal {
    Signal {
        agent,
        ai: false,
        place,
        pattern,
    }
}

use Place::*;

/// The signal table. Facts from research/provenance.md (agents' own docs and observed commits).
pub static CATALOGUE: &[Signal] = &[
    ai("claude-code", CoAuthorEmail, "noreply@anthropic.com"),
    ai("claude-code", IdentityEmail, "noreply@anthropic.com"),
    ai("claude-code", MessageText, "generated with [claude code]"),
    ai("claude-code", TrailerKey, "claude-session"),
    ai("claude-code", GitHubBotId, "209825114"),
    ai("claude-code", GitHubBotId, "215619710"),
    ai("claude-code", GitHubBotId, "208546643"),
    ai("github-copilot", GitHubBotId, "198982749"),
    ai("github-copilot", GitHubBotId, "175728472"),
    ai("github-copilot", GitHubBotId, "167198135"),
    ai("github-copilot", GitHubBotId, "223556219"),
    ai("github-copilot", CoAuthorEmail, "copilot@github.com"),
    ai("github-copilot", TrailerKey, "agent-logs-url"),
    ai("cursor", CoAuthorEmail, "cursoragent@cursor.com"),
    ai("cursor", IdentityEmail, "cursoragent@cursor.com"),
    ai("cursor", TrailerValue, "made-with=cursor"),
    ai("cursor", GitHubBotId, "206951365"),
    ai("cursor", GitHubBotId, "201670782"),
    ai("aider", NameSuffix, " (aider)"),
    ai("aider", CoAuthorEmail, "noreply@aider.chat"),
    ai("aider", CoAuthorEmail, "noreply@aider.dev"),
    ai("openai-codex", CoAuthorEmail, "noreply@openai.com"),
    ai("openai-codex", IdentityEmail, "noreply@openai.com"),
    ai("openai-codex", IdentityEmail, "codex@openai.com"),
    ai("openai-codex", GitHubBotId, "215057067"),
    ai("openai-codex", GitHubBotId, "199175422"),
    ai("devin", GitHubBotId, "158243242"),
    ai("devin", MessageText, "generated with [devin]"),
    ai("jules", GitHubBotId, "161369871"),
    ai("gemini", GitHubBotId, "176961590"),
    ai("amazon-q", GitHubBotId, "208079219"),
    ai("cline", GitHubBotId, "205137888"),
    ai("continue", GitHubBotId, "230936708"),
    ai("openhands", CoAuthorEmail, "openhands@all-hands.dev"),
    ai("openhands", IdentityEmail, "openhands@all-hands.dev"),
    ai("amp", CoAuthorEmail, "amp@ampcode.com"),
    ai("amp", TrailerKey, "amp-thread-id"),
    ai("opencode", CoAuthorEmail, "noreply@opencode.ai"),
    ai("replit", TrailerKey, "replit-commit-author"),
    ai("generic-ai", TrailerKey, "assisted-by"),
    ai("generic-ai", TrailerKey, "generated-by"),
    bot("github-actions", GitHubBotId, "41898282"),
    bot("dependabot", GitHubBotId, "49699333"),
    bot("renovate", GitHubBotId, "29139614"),
];

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

/// Classify one commit.
pub fn classify(commit: &Commit) -> Provenance {
    let mut evidence = Vec::new();
    let mut agent: Option<&'static str> = None;
    let mut automation: Option<&'static str> = None;
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
    let co_authors: Vec<String> = commit
        .trailers
        .iter()
        .filter(|t| t.key.eq_ignore_ascii_case("co-authored-by"))
        .filter_map(|t| angle_email(&t.value))
        .collect();
    let message = commit.message.to_ascii_lowercase();
    for signal in CATALOGUE {
        let hit: Option<String> = match signal.place {
            CoAuthorEmail => co_authors
                .iter()
                .find(|e| **e == signal.pattern)
                .map(|e| format!("Co-authored-by trailer names {e}")),
            IdentityEmail => identities
                .iter()
                .find(|(_, _, e)| *e == signal.pattern)
                .map(|(role, _, e)| format!("{role} e-mail is {e}")),
            GitHubBotId => identities
                .iter()
                .map(|(role, _, e)| (role.to_string(), e.clone()))
                .chain(
                    co_authors
                        .iter()
                        .map(|e| ("co-author".to_string(), e.clone())),
                )
                .find(|(_, e)| github_id(e) == Some(signal.pattern))
                .map(|(role, e)| format!("{role} is GitHub account id {} ({e})", signal.pattern)),
            TrailerKey => commit
                .trailers
                .iter()
                .find(|t| t.key.eq_ignore_ascii_case(signal.pattern))
                .map(|t| format!("trailer {}: present", t.key)),
            TrailerValue => signal.pattern.split_once('=').and_then(|(k, v)| {
                commit
                    .trailers
                    .iter()
                    .find(|t| {
                        t.key.eq_ignore_ascii_case(k) && t.value.trim().eq_ignore_ascii_case(v)
                    })
                    .map(|t| format!("trailer {}: {}", t.key, t.value.trim()))
            }),
            MessageText => message
                .contains(signal.pattern)
                .then(|| format!("message contains \"{}\"", signal.pattern)),
            NameSuffix => identities
                .iter()
                .find(|(_, n, _)| n.to_ascii_lowercase().ends_with(signal.pattern))
                .map(|(role, n, _)| format!("{role} name \"{n}\" carries the agent suffix")),
        };
        if let Some(text) = hit {
            if signal.ai {
                agent.get_or_insert(signal.agent);
            } else {
                automation.get_or_insert(signal.agent);
            }
            let line = format!("{}: {text}", signal.agent);
            if !evidence.contains(&line) {
                evidence.push(line);
            }
        }
    }
    let actor = if agent.is_some() {
        Actor::Agent
    } else if automation.is_some() {
        Actor::Bot
    } else {
        evidence.push("no agent or bot marker found (absence is not evidence of a person)".into());
        Actor::Unknown
    };
    let signature = match &commit.signature {
        Some(_) => SignatureInfo {
            status: idgate_core::SignatureStatus::Unverified,
            reason: Some("no allowed-signers file configured".into()),
            ..SignatureInfo::none()
        },
        None => SignatureInfo::none(),
    };
    Provenance {
        commit: commit.id.clone(),
        actor,
        agent: agent.or(automation).map(str::to_string),
        confidence: if actor == Actor::Unknown { 0.0 } else { 1.0 },
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

    #[test]
    fn claude_trailer_with_model_name_is_an_agent() {
        let p = classify(&commit(
            ("Ann", "ann@example.com"),
            &[("Co-Authored-By", "Claude Opus 4.5 <noreply@anthropic.com>")],
            "fix\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>",
        ));
        assert_eq!(p.actor, Actor::Agent);
        assert_eq!(p.agent.as_deref(), Some("claude-code"));
        assert!(p.evidence[0].contains("noreply@anthropic.com"));
    }

    #[test]
    fn copilot_agent_by_numeric_id_despite_login() {
        let p = classify(&commit(
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
            let p = classify(&commit(author, &[], "x"));
            assert_eq!(p.actor, Actor::Unknown, "{author:?}");
            assert_eq!(p.agent, None);
        }
    }

    #[test]
    fn automation_is_a_bot_not_an_agent() {
        let p = classify(&commit(
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
    fn aider_suffix_and_cursor_trailer() {
        let p = classify(&commit(("Ann (aider)", "ann@example.com"), &[], "x"));
        assert_eq!(p.agent.as_deref(), Some("aider"));
        let p = classify(&commit(
            ("Ann", "ann@example.com"),
            &[("Made-with", "Cursor")],
            "x",
        ));
        assert_eq!(p.agent.as_deref(), Some("cursor"));
    }
}

//! The `[provenance]` table of the trusted policy file (`.idgate/policy.toml` at the base
//! revision): who counts as a person, agents' own signing keys, and extra agent signals.
//!
//! ```toml
//! [provenance]
//! # Allowed-signers principals that are people: a verified signature by one makes `human`.
//! people = ["*@payments.example"]
//! # Where the allowed-signers file lives in the base revision (default shown).
//! allowed-signers = ".idgate/allowed_signers"
//!
//! # An agent with its own signing key: its verified commits are the agent's, cryptographically.
//! [[provenance.agent-signers]]
//! principal = "coder-bot@payments.example"
//! agent = "acme-coder"
//!
//! # An agent idgate does not know yet.
//! [[provenance.signals]]
//! agent = "acme-coder"
//! place = "identity-email"   # co-author-email | identity-email | github-bot-id | trailer-key
//!                            # | trailer-value | message-text | name-suffix | branch-prefix
//! pattern = "coder-bot@payments.example"
//! weight = 0.9               # 0 < weight <= 1; default 0.8
//! ai = true                  # false for plain automation (a bot); default true
//! ```
//!
//! Unknown keys are errors, and every error names its line. Other tables of the file belong to the
//! policy engine and are not read here.

use std::borrow::Cow;

use serde::Deserialize;

use crate::{Place, Signal};

/// Settings read from the `[provenance]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProvenanceSettings {
    /// Principal patterns of people.
    pub people: Vec<String>,
    /// (principal pattern, agent name) of agents' own signing keys.
    pub agent_signers: Vec<(String, String)>,
    /// Extra signals, checked after the built-in catalogue.
    pub signals: Vec<Signal>,
    /// The allowed-signers path in the base revision, when not the default.
    pub allowed_signers: Option<String>,
}

/// A mistake in the policy file, with its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct SettingsError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
struct Document {
    provenance: Option<Raw>,
    // Everything else belongs to the policy engine.
    #[serde(flatten)]
    _rest: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    agent_signers: Vec<RawAgentSigner>,
    #[serde(default)]
    signals: Vec<RawSignal>,
    allowed_signers: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgentSigner {
    principal: String,
    agent: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    agent: String,
    place: toml::Spanned<String>,
    pattern: toml::Spanned<String>,
    weight: Option<toml::Spanned<f64>>,
    ai: Option<bool>,
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn error_at(text: &str, span: std::ops::Range<usize>, message: String) -> SettingsError {
    let (line, column) = position(text, span.start);
    SettingsError {
        line,
        column,
        message,
    }
}

/// Parse the `[provenance]` table of a policy file. A file without the table gives defaults.
pub fn parse_provenance_settings(text: &str) -> Result<ProvenanceSettings, SettingsError> {
    let doc: Document = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        error_at(text, span, e.message().to_string())
    })?;
    let Some(raw) = doc.provenance else {
        return Ok(ProvenanceSettings::default());
    };
    let mut signals = Vec::new();
    for s in raw.signals {
        let place = Place::from_name(s.place.get_ref()).ok_or_else(|| {
            error_at(
                text,
                s.place.span(),
                format!(
                    "unknown place \"{}\"; expected one of co-author-email, identity-email, \
                     github-bot-id, trailer-key, trailer-value, message-text, name-suffix, branch-prefix",
                    s.place.get_ref()
                ),
            )
        })?;
        let pattern = s.pattern.get_ref().trim().to_ascii_lowercase();
        if pattern.is_empty() {
            return Err(error_at(text, s.pattern.span(), "empty pattern".into()));
        }
        if place == Place::TrailerValue && !pattern.contains('=') {
            return Err(error_at(
                text,
                s.pattern.span(),
                "a trailer-value pattern is written key=value".into(),
            ));
        }
        let weight = match &s.weight {
            Some(w) if !(*w.get_ref() > 0.0 && *w.get_ref() <= 1.0) => {
                return Err(error_at(
                    text,
                    w.span(),
                    format!("weight {} is not in (0, 1]", w.get_ref()),
                ));
            }
            Some(w) => *w.get_ref() as f32,
            None => 0.8,
        };
        signals.push(Signal {
            agent: Cow::Owned(s.agent),
            ai: s.ai.unwrap_or(true),
            place,
            pattern: Cow::Owned(pattern),
            weight,
        });
    }
    Ok(ProvenanceSettings {
        people: raw.people,
        agent_signers: raw
            .agent_signers
            .into_iter()
            .map(|a| (a.principal, a.agent))
            .collect(),
        signals,
        allowed_signers: raw.allowed_signers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_example() {
        let text = r#"
[rules]
whatever = "belongs to the policy engine"

[provenance]
people = ["*@payments.example"]
allowed-signers = "security/allowed_signers"

[[provenance.agent-signers]]
principal = "coder-bot@payments.example"
agent = "acme-coder"

[[provenance.signals]]
agent = "acme-coder"
place = "identity-email"
pattern = "Coder-Bot@payments.example"
"#;
        let s = parse_provenance_settings(text).unwrap();
        assert_eq!(s.people, ["*@payments.example"]);
        assert_eq!(
            s.allowed_signers.as_deref(),
            Some("security/allowed_signers")
        );
        assert_eq!(
            s.agent_signers,
            [("coder-bot@payments.example".into(), "acme-coder".into())]
        );
        assert_eq!(s.signals[0].pattern, "coder-bot@payments.example");
        assert_eq!(s.signals[0].weight, 0.8);
        assert!(s.signals[0].ai);
    }

    #[test]
    fn mistakes_point_at_their_line() {
        let unknown = "[provenance]\npeople = []\npeeple = [\"x\"]\n";
        let e = parse_provenance_settings(unknown).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("peeple"), "{e}");

        let place = "[provenance]\n\n[[provenance.signals]]\nagent = \"a\"\nplace = \"e-mail\"\npattern = \"x\"\n";
        let e = parse_provenance_settings(place).unwrap_err();
        assert_eq!((e.line, e.column), (5, 9), "{e}");

        let weight = "[[provenance.signals]]\nagent = \"a\"\nplace = \"trailer-key\"\npattern = \"x\"\nweight = 1.5\n";
        let e = parse_provenance_settings(weight).unwrap_err();
        assert_eq!(e.line, 5, "{e}");

        let syntax = "[provenance\npeople = 1\n";
        assert_eq!(parse_provenance_settings(syntax).unwrap_err().line, 1);
        assert_eq!(
            parse_provenance_settings("").unwrap(),
            ProvenanceSettings::default()
        );
    }
}

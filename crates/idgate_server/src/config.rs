//! The server's configuration file (TOML), documented in the crate overview.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Read the ledger: the API's GET endpoints and the dashboard.
    Read,
    /// Submit changes for evaluation.
    Write,
}

/// One API token, stored as the SHA-256 of its text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Token {
    /// Who holds it (shown in nothing but logs and errors).
    pub name: String,
    /// Lowercase hex SHA-256 of the token (`printf %s TOKEN | sha256sum`).
    pub sha256: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
}

/// A repository the server may evaluate changes against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repository {
    /// The name clients use, and the ledger records.
    pub name: String,
    /// A local clone: its `HEAD` supplies the trusted policy for posted patches.
    pub path: PathBuf,
    /// The forge's name for it (`owner/name`), as webhook events carry it.
    #[serde(default)]
    pub forge: Option<String>,
}

/// Where the webhook secret comes from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    /// A file holding the secret (surrounding whitespace is ignored).
    #[serde(default)]
    pub secret_file: Option<PathBuf>,
    /// An environment variable holding the secret.
    #[serde(default)]
    pub secret_env: Option<String>,
}

/// The `[server]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// The ledger URL, unless `--ledger` gives one.
    #[serde(default)]
    pub ledger: Option<String>,
    /// Serve the read endpoints and the dashboard without a token. Off unless set.
    #[serde(default)]
    pub open_read: bool,
    /// The largest request body accepted, in bytes.
    #[serde(default = "default_body")]
    pub max_body_bytes: usize,
    /// How long one request may take, in seconds.
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    /// Whether the login cookie carries `Secure` (on by default; browsers accept it on
    /// `http://localhost`). Turn off only behind no TLS and no localhost.
    #[serde(default = "yes")]
    pub secure_cookie: bool,
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            ledger: None,
            open_read: false,
            max_body_bytes: default_body(),
            timeout_seconds: default_timeout(),
            secure_cookie: true,
        }
    }
}

const fn default_body() -> usize {
    1024 * 1024
}

const fn default_timeout() -> u64 {
    30
}

const fn yes() -> bool {
    true
}

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[server]`.
    #[serde(default)]
    pub server: ServerSettings,
    /// `[[token]]`, any number.
    #[serde(default, rename = "token")]
    pub tokens: Vec<Token>,
    /// `[[repository]]`, any number.
    #[serde(default, rename = "repository")]
    pub repositories: Vec<Repository>,
    /// `[webhook]`: without it the webhook endpoint answers 404.
    #[serde(default)]
    pub webhook: Option<Webhook>,
}

impl Config {
    /// Parse and check a configuration; `name` is for messages.
    pub fn parse(text: &str, name: &str) -> Result<Config, Error> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            file: name.to_string(),
            reason: e.message().to_string(),
        })?;
        for t in &config.tokens {
            let ok = t.sha256.len() == 64
                && t.sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !ok {
                return Err(Error::Config {
                    file: name.to_string(),
                    reason: format!(
                        "token '{}': sha256 must be 64 lowercase hex digits (the SHA-256 of the token, not the token)",
                        t.name
                    ),
                });
            }
        }
        if config.server.max_body_bytes == 0 || config.server.timeout_seconds == 0 {
            return Err(Error::Config {
                file: name.to_string(),
                reason: "max_body_bytes and timeout_seconds must be above zero".into(),
            });
        }
        Ok(config)
    }

    /// Read and parse a configuration file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ReadConfig {
            file: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// The webhook secret, if a webhook is configured.
    pub fn webhook_secret(&self) -> Result<Option<Vec<u8>>, Error> {
        let Some(w) = &self.webhook else {
            return Ok(None);
        };
        let secret = match (&w.secret_file, &w.secret_env) {
            (Some(file), _) => std::fs::read_to_string(file)
                .map_err(|source| Error::ReadConfig {
                    file: file.clone(),
                    source,
                })?
                .trim()
                .to_string(),
            (None, Some(var)) => std::env::var(var).unwrap_or_default(),
            (None, None) => String::new(),
        };
        if secret.is_empty() {
            return Err(Error::Config {
                file: "[webhook]".into(),
                reason: "the webhook secret is empty or unset (secret_file or secret_env)".into(),
            });
        }
        Ok(Some(secret.into_bytes()))
    }

    /// The repository clients call `name`.
    pub fn repository(&self, name: &str) -> Option<&Repository> {
        self.repositories.iter().find(|r| r.name == name)
    }

    /// The configured repository a ledger record names: by its name, its forge name
    /// (`owner/name`, what `idgate check --record` records in CI and for clones with an `origin`
    /// remote) or, for records naming a path, the same directory as its clone.
    pub fn recorded_repository(&self, recorded: &str) -> Option<&Repository> {
        self.repository(recorded)
            .or_else(|| {
                self.repositories
                    .iter()
                    .find(|r| r.forge.as_deref() == Some(recorded))
            })
            .or_else(|| {
                let path = std::path::Path::new(recorded).canonicalize().ok()?;
                self.repositories
                    .iter()
                    .find(|r| r.path.canonicalize().ok().as_ref() == Some(&path))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses_clear_tokens() {
        let ok = Config::parse(
            &format!(
                "[server]\nopen_read = true\n[[token]]\nname = \"ci\"\nsha256 = \"{}\"\nscopes = [\"read\"]\n[[repository]]\nname = \"app\"\npath = \"/srv/app\"\n",
                "a".repeat(64)
            ),
            "t.toml",
        )
        .unwrap();
        assert!(ok.server.open_read);
        assert_eq!(ok.tokens[0].scopes, [Scope::Read]);
        assert_eq!(ok.server.max_body_bytes, 1024 * 1024);
        assert!(ok.repository("app").is_some());
        let clear = Config::parse(
            "[[token]]\nname = \"ci\"\nsha256 = \"hunter2\"\nscopes = [\"read\"]\n",
            "t.toml",
        )
        .unwrap_err();
        assert!(clear.to_string().contains("64 lowercase hex"), "{clear}");
        let unknown = Config::parse("[server]\nopen = true\n", "t.toml").unwrap_err();
        assert!(unknown.to_string().contains("t.toml"), "{unknown}");
        assert!(!Config::default().server.open_read);
    }

    #[test]
    fn recorded_repositories_match_by_name_forge_or_path() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::parse(
            &format!(
                "[[repository]]\nname = \"payments\"\npath = \"{}\"\nforge = \"acme/payments\"\n",
                dir.path().display()
            ),
            "t.toml",
        )
        .unwrap();
        let named = |n: &str| config.recorded_repository(n).map(|r| r.name.as_str());
        assert_eq!(named("payments"), Some("payments"));
        assert_eq!(named("acme/payments"), Some("payments"));
        assert_eq!(named(&dir.path().display().to_string()), Some("payments"));
        assert_eq!(named("acme/other"), None);
        assert_eq!(named("-"), None);
    }
}

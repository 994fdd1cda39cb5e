//! The shape of one entry in a provider table, and the constructors the tables are written with.
//!
//! Every entry is data: an id, the provider and kind, keywords for the prefilter, a regex (or the
//! pieces one is built from), an offline check and a revocation hint. The engine compiles them
//! once.

use crate::Confidence;

/// How an entry's regex is put together.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// A literal prefix followed by a body regex, with token boundaries on both sides. The
    /// keywords default to the prefix.
    Token {
        prefix: &'static str,
        body: &'static str,
    },
    /// `NAME = VALUE` in any common syntax (`=`, `:`, `=>`, `:=`, a comma between call arguments,
    /// a space after a CLI flag), where `NAME` matches the case-insensitive `names` regex and
    /// `VALUE` the case-sensitive `value` regex.
    Assign {
        names: &'static str,
        value: &'static str,
    },
    /// A full regex; the group named `s` is the secret (or `u`, see the generic rule).
    Raw(&'static str),
}

/// The offline check run on a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Only the regex, entropy and placeholder filters.
    None,
    /// 30 random base62 characters and a 6-character base62 CRC32 (GitHub, npm).
    Crc32Base62,
    /// `header.payload.signature`: base64url JSON header with `alg`, JSON payload.
    Jwt,
    /// PyPI: a version-2 macaroon for `pypi.org` or `test.pypi.org`.
    PypiMacaroon,
    /// A PEM `BEGIN` line: base64 body lines follow (or `\n`-escaped in one string).
    Pem,
    /// An OpenSSH private key block whose body starts with the `openssh-key-v1` magic.
    OpenSshPem,
    /// A GCP service-account JSON `private_key` value.
    GcpServiceAccount,
    /// A PuTTY key file header followed by `Private-Lines`.
    PuttyKey,
    /// age X25519 identity: bech32 with a valid checksum.
    AgeBech32,
    /// AWS access key id: the account id it encodes is a possible one.
    AwsKeyId,
    /// Discord bot token: the first segment is the base64 of a numeric snowflake id.
    DiscordBot,
    /// Base64 that decodes to a JSON object (Sentry org tokens, Grafana, 1Password, Mapbox).
    Base64Json,
    /// Base64 whose decoded bytes contain `PRIVATE KEY` (kubeconfig `client-key-data`).
    Base64Pem,
    /// Base64 that decodes to exactly this many bytes.
    Base64Len(usize),
    /// URL-encoded base64 that decodes to this many bytes (Azure SAS `sig=`).
    UrlBase64Len(usize),
    /// Base64 of `user:password`.
    BasicAuth,
    /// OpenAI keys: the `T3BlbkFJ` marker (base64 of "OpenAI") makes it validated.
    OpenAiMarker,
    /// Anthropic keys end in `AA` at a fixed length.
    AnthropicTail,
    /// Azure DevOps PATs: the 84-character form carries `AZDO` at offset 76.
    AzureDevOps,
    /// The password part of a URL with credentials.
    UrlPassword,
    /// A password from a command line or a config line: only placeholder filtering.
    Password,
    /// A bearer token value: entropy and placeholder filtering.
    Bearer,
    /// The generic `name = value` rule: scored by name, value, entropy and file type.
    Generic,
}

/// How much surrounding evidence an entry needs, which decides where it runs: only
/// [`Strength::Distinct`] entries run on lock files, minified files and very long lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Generic heuristics.
    Weak,
    /// Needs a variable name or other context on the line.
    Context,
    /// Self-identifying: a registered prefix, a checksum or a fixed structure.
    Distinct,
}

/// One provider format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub(crate) rule: &'static str,
    pub(crate) provider: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) description: &'static str,
    pub(crate) shape: Shape,
    /// Lower-case keywords; a line without any of them is not matched against this entry.
    pub(crate) keywords: &'static [&'static str],
    pub(crate) check: Check,
    pub(crate) strength: Strength,
    pub(crate) confidence: Confidence,
    /// Minimum Shannon entropy (bits per character) of the secret without its prefix.
    pub(crate) min_entropy: f32,
    /// A case-insensitive regex that must also match somewhere on the line.
    pub(crate) require: Option<&'static str>,
    /// How many leading characters are a public, fixed prefix (shown in redactions, at most 4,
    /// and excluded from placeholder checks).
    pub(crate) prefix_len: u8,
    /// Overlap priority: when two entries match the same text the higher one wins.
    pub(crate) rank: u8,
    /// Whether a match can extend over following lines (PEM blocks).
    pub(crate) multiline: bool,
    pub(crate) revocation: &'static str,
}

impl Pattern {
    const fn base(
        rule: &'static str,
        provider: &'static str,
        kind: &'static str,
        description: &'static str,
        shape: Shape,
        revocation: &'static str,
    ) -> Self {
        Pattern {
            rule,
            provider,
            kind,
            description,
            shape,
            keywords: &[],
            check: Check::None,
            strength: Strength::Distinct,
            confidence: Confidence::High,
            min_entropy: 3.0,
            require: None,
            prefix_len: 0,
            rank: 5,
            multiline: false,
            revocation,
        }
    }

    /// A prefixed token: `prefix` literal, then the `body` regex.
    pub(crate) const fn token(
        rule: &'static str,
        provider: &'static str,
        kind: &'static str,
        description: &'static str,
        prefix: &'static str,
        body: &'static str,
        revocation: &'static str,
    ) -> Self {
        let mut p = Self::base(
            rule,
            provider,
            kind,
            description,
            Shape::Token { prefix, body },
            revocation,
        );
        p.prefix_len = prefix.len() as u8;
        p
    }

    /// A value that is only recognisable next to a telling name.
    #[allow(clippy::too_many_arguments)]
    pub(crate) const fn assign(
        rule: &'static str,
        provider: &'static str,
        kind: &'static str,
        description: &'static str,
        keywords: &'static [&'static str],
        names: &'static str,
        value: &'static str,
        revocation: &'static str,
    ) -> Self {
        let mut p = Self::base(
            rule,
            provider,
            kind,
            description,
            Shape::Assign { names, value },
            revocation,
        );
        p.keywords = keywords;
        p.strength = Strength::Context;
        p.confidence = Confidence::Medium;
        p
    }

    /// A full regex with the secret in group `s`.
    pub(crate) const fn raw(
        rule: &'static str,
        provider: &'static str,
        kind: &'static str,
        description: &'static str,
        keywords: &'static [&'static str],
        regex: &'static str,
        revocation: &'static str,
    ) -> Self {
        let mut p = Self::base(
            rule,
            provider,
            kind,
            description,
            Shape::Raw(regex),
            revocation,
        );
        p.keywords = keywords;
        p
    }

    pub(crate) const fn check(mut self, check: Check) -> Self {
        self.check = check;
        self
    }

    pub(crate) const fn keywords(mut self, keywords: &'static [&'static str]) -> Self {
        self.keywords = keywords;
        self
    }

    pub(crate) const fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    pub(crate) const fn context(mut self) -> Self {
        self.strength = Strength::Context;
        self
    }

    pub(crate) const fn weak(mut self) -> Self {
        self.strength = Strength::Weak;
        self
    }

    pub(crate) const fn entropy(mut self, bits: f32) -> Self {
        self.min_entropy = bits;
        self
    }

    pub(crate) const fn require(mut self, regex: &'static str) -> Self {
        self.require = Some(regex);
        self
    }

    pub(crate) const fn show(mut self, chars: u8) -> Self {
        self.prefix_len = chars;
        self
    }

    pub(crate) const fn rank(mut self, rank: u8) -> Self {
        self.rank = rank;
        self
    }

    pub(crate) const fn multiline(mut self) -> Self {
        self.multiline = true;
        self
    }
}

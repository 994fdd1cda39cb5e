//! IDG201 hardcoded-credential

use crate::registry::{Status, declare_secret_rule};

declare_secret_rule! {
    /// ## What it does
    /// Flags a credential written into a file: cloud keys, VCS and CI tokens, chat, payment and
    /// LLM API keys, private keys, JWTs, database and basic-auth URLs with passwords, and generic
    /// `password = "…"` / `client_secret: …` assignments whose value looks like a real secret.
    /// Formats with a checksum or a fixed structure (GitHub's and npm's token checksums, AWS key
    /// ids, JWT headers) are validated offline. In `idgate check` only secrets the change adds
    /// count. The finding names the provider and how to revoke or rotate the credential; the
    /// value itself never appears in any output, only a short prefix and a hash.
    ///
    /// Placeholders (`changeme`, `<your-token>`, `${VAR}`, `os.environ[...]`, `process.env.X`),
    /// hashes, UUIDs, lock files and minified assets raise nothing; a value in a test or docs file
    /// is reported as a note. An `idgate: allow <reason>` comment on the line (or the line above)
    /// suppresses a finding when it gives a reason.
    ///
    /// ## Why is this bad?
    /// A committed credential is readable by everyone who can read the repository, its forks, its
    /// CI logs and every clone, forever: removing it in a later commit does not remove it from
    /// history. Agents write keys inline to make a quick test pass, and the key ships.
    ///
    /// ## Example
    /// ```python
    /// stripe.api_key = "sk_live_…"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// stripe.api_key = os.environ["STRIPE_API_KEY"]
    /// ```
    /// and revoke the committed key with its provider: rotating is the only fix for a leak.
    ///
    /// ## References
    /// - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    /// - [CWE-259: Use of Hard-coded Password](https://cwe.mitre.org/data/definitions/259.html)
    /// - [CWE-321: Use of Hard-coded Cryptographic Key](https://cwe.mitre.org/data/definitions/321.html)
    /// - OWASP Non-Human Identities Top 10: NHI2 Secret Leakage
    pub(crate) static RULE = {
        code: "IDG201",
        name: "hardcoded-credential",
        category: HardcodedSecret,
        cwe: [798, 259, 321],
        severity: Critical,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        summary: "A credential is written into a file.",
    };
}

//! The identity API catalogue: which imports, functions, decorators, methods and settings of
//! which library belong to which identity surface, per language. It is data
//! (`catalogue/<language>.toml`, compiled in), so adding a library means adding lines there, not
//! code in a rule.
//!
//! Matching, for an entry with modules `M`:
//! - a call or decoration matches `c` in `calls`/`decorators` when its callee resolved through the
//!   file's imports is `M.c` (a Go `/vN` version suffix of `M` is accepted), or is exactly `c`
//!   when the entry has no modules, or is written `c` and the file imports something under `M`
//!   (names brought in by a namespace `using`, a wildcard import or a Ruby `require`);
//! - a call matches a name in `methods` by its last segment when the file imports something under
//!   `M` (or always, when the entry has no modules);
//! - a binding (assignment, keyword argument, object or dict key) matches `settings` by name.

use std::sync::OnceLock;

use idgate_lang::Language;
use serde::Deserialize;

use crate::syntax::facts::Facts;

/// An identity surface: a kind of identity logic a reviewer recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Surface {
    /// Minting tokens: JWT signing, session tokens, OAuth token exchange.
    TokenIssuance,
    /// Checking tokens: signature, algorithm, audience, issuer, expiry; MAC comparison.
    TokenVerification,
    /// Sessions and cookies.
    Session,
    /// Reading secrets from the environment or a secret store.
    SecretLookup,
    /// Password hashing and verification.
    PasswordHashing,
    /// TLS clients and certificate verification.
    TlsClient,
    /// Authentication guards: login requirements, middleware, filters.
    AuthnGuard,
    /// Authorization checks: roles, permissions, policies.
    AuthzCheck,
    /// CORS and CSRF protection.
    CorsCsrf,
    /// A random source that is not cryptographically secure (not a surface by itself).
    RandomWeak,
    /// A cryptographically secure random source (not a surface by itself).
    RandomSecure,
    /// A predictable value: the clock (not a surface by itself).
    Predictable,
}

impl Surface {
    /// The kebab-case id.
    pub const fn id(self) -> &'static str {
        match self {
            Surface::TokenIssuance => "token-issuance",
            Surface::TokenVerification => "token-verification",
            Surface::Session => "session",
            Surface::SecretLookup => "secret-lookup",
            Surface::PasswordHashing => "password-hashing",
            Surface::TlsClient => "tls-client",
            Surface::AuthnGuard => "authn-guard",
            Surface::AuthzCheck => "authz-check",
            Surface::CorsCsrf => "cors-csrf",
            Surface::RandomWeak => "random-weak",
            Surface::RandomSecure => "random-secure",
            Surface::Predictable => "predictable",
        }
    }

    /// How a reviewer would say it.
    pub const fn describe(self) -> &'static str {
        match self {
            Surface::TokenIssuance => "token issuance",
            Surface::TokenVerification => "token verification",
            Surface::Session => "sessions and cookies",
            Surface::SecretLookup => "secret lookup",
            Surface::PasswordHashing => "password hashing",
            Surface::TlsClient => "TLS clients",
            Surface::AuthnGuard => "authentication guards",
            Surface::AuthzCheck => "authorization checks",
            Surface::CorsCsrf => "CORS and CSRF protection",
            Surface::RandomWeak => "non-cryptographic randomness",
            Surface::RandomSecure => "cryptographic randomness",
            Surface::Predictable => "time-based values",
        }
    }

    /// Whether touching it makes a change identity logic.
    pub const fn is_identity(self) -> bool {
        !matches!(
            self,
            Surface::RandomWeak | Surface::RandomSecure | Surface::Predictable
        )
    }
}

/// One library's APIs for one surface.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// The library or framework, for messages.
    pub library: String,
    /// The surface its APIs belong to.
    pub surface: Surface,
    /// Module, package or namespace paths (`.`-separated; Go import paths keep `/`).
    #[serde(default)]
    pub modules: Vec<String>,
    /// Functions, constructors and static methods, relative to a module.
    #[serde(default)]
    pub calls: Vec<String>,
    /// Decorators, annotations and attributes, relative to a module.
    #[serde(default)]
    pub decorators: Vec<String>,
    /// Method names, matched on any receiver in a file that imports a module of the entry.
    #[serde(default)]
    pub methods: Vec<String>,
    /// Setting and option names.
    #[serde(default)]
    pub settings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    api: Vec<Api>,
}

/// The catalogue sources, by language family.
const SOURCES: &[(&str, &[Language], &str)] = &[
    (
        "csharp.toml",
        &[Language::CSharp],
        include_str!("../catalogue/csharp.toml"),
    ),
    (
        "go.toml",
        &[Language::Go],
        include_str!("../catalogue/go.toml"),
    ),
    (
        "java.toml",
        &[Language::Java],
        include_str!("../catalogue/java.toml"),
    ),
    (
        "javascript.toml",
        &[Language::JavaScript, Language::TypeScript, Language::Tsx],
        include_str!("../catalogue/javascript.toml"),
    ),
    (
        "php.toml",
        &[Language::Php],
        include_str!("../catalogue/php.toml"),
    ),
    (
        "python.toml",
        &[Language::Python],
        include_str!("../catalogue/python.toml"),
    ),
    (
        "ruby.toml",
        &[Language::Ruby],
        include_str!("../catalogue/ruby.toml"),
    ),
    (
        "rust.toml",
        &[Language::Rust],
        include_str!("../catalogue/rust.toml"),
    ),
];

/// The catalogue entries of `language`.
pub fn apis(language: Language) -> &'static [Api] {
    static ALL: OnceLock<Vec<(Language, Vec<Api>)>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut out = Vec::new();
        for (name, languages, text) in SOURCES {
            // The files are compiled in and a test parses each one; a failure here is a build
            // defect, not user input.
            let file: File = toml::from_str(text)
                .unwrap_or_else(|e| panic!("catalogue/{name} does not parse: {e}"));
            for lang in *languages {
                out.push((*lang, file.api.clone()));
            }
        }
        out
    });
    all.iter()
        .find(|(l, _)| *l == language)
        .map_or(&[], |(_, apis)| apis.as_slice())
}

/// A place in a file that belongs to a surface.
#[derive(Debug, Clone)]
pub struct Touch<'t> {
    /// The surface.
    pub surface: Surface,
    /// The library.
    pub library: &'static str,
    /// The API as written in the code.
    pub api: String,
    /// The node.
    pub node: tree_sitter::Node<'t>,
}

/// Whether a resolved or written callee matches entry name `c` of `api`.
pub(crate) fn callee_matches(
    api: &Api,
    facts: &Facts<'_>,
    qualified: &str,
    written: &str,
    c: &str,
) -> bool {
    if api.modules.is_empty() {
        return qualified == c || written == c;
    }
    api.modules.iter().any(|m| {
        if let Some(rest) = qualified.strip_prefix(m.as_str()) {
            // `M.c`, or `M/v5.c` for a Go module with a major-version suffix.
            let rest = strip_go_version(rest);
            if rest.strip_prefix('.') == Some(c) {
                return true;
            }
        }
        written == c && facts.uses_module(m)
    })
}

fn strip_go_version(rest: &str) -> &str {
    if let Some(after) = rest.strip_prefix("/v") {
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            return &after[digits..];
        }
    }
    rest
}

/// Whether the file imports a module of `api` (always true for an entry without modules).
pub(crate) fn file_uses(api: &Api, facts: &Facts<'_>) -> bool {
    api.modules.is_empty() || api.modules.iter().any(|m| facts.uses_module(m))
}

/// Every place of the file that belongs to a catalogued surface.
pub(crate) fn touches<'t>(language: Language, facts: &Facts<'t>) -> Vec<Touch<'t>> {
    let mut out = Vec::new();
    for api in apis(language) {
        let library: &'static str = leak_free_name(api);
        let uses = file_uses(api, facts);
        for call in &facts.calls {
            let hit = api
                .calls
                .iter()
                .any(|c| callee_matches(api, facts, &call.qualified, &call.written, c))
                || (uses
                    && call.written.contains('.')
                    && api.methods.iter().any(|m| m == call.name()))
                || (uses && api.modules.is_empty() && api.methods.iter().any(|m| m == call.name()));
            if hit {
                out.push(Touch {
                    surface: api.surface,
                    library,
                    api: call.written.clone(),
                    node: call.node,
                });
            }
        }
        for deco in &facts.decorations {
            if api
                .decorators
                .iter()
                .any(|d| callee_matches(api, facts, &deco.qualified, &deco.written, d))
            {
                out.push(Touch {
                    surface: api.surface,
                    library,
                    api: deco.written.clone(),
                    node: deco.node,
                });
            }
        }
        for binding in &facts.bindings {
            if api.settings.contains(&binding.name) {
                out.push(Touch {
                    surface: api.surface,
                    library,
                    api: binding.name.clone(),
                    node: binding.node,
                });
            }
        }
    }
    out.sort_by_key(|t| (t.node.start_byte(), t.surface));
    out
}

/// The library name with the catalogue's `'static` lifetime (the catalogue lives for the whole
/// process in a `OnceLock`).
fn leak_free_name(api: &'static Api) -> &'static str {
    api.library.as_str()
}

/// Authorization-library conventions the authorization rules read: rule builders that grant
/// everything with one call, global gate hooks, policy classes.
pub(crate) mod authorization {
    use idgate_lang::Language;

    /// A rule builder whose grant call takes (action, subject) and has words for "every".
    pub(crate) struct AbilityBuilder {
        /// The library, for messages.
        pub(crate) library: &'static str,
        /// Languages it is written in.
        pub(crate) languages: &'static [Language],
        /// Text that shows the file uses it (an import path, an included module).
        pub(crate) markers: &'static [&'static str],
        /// The grant call.
        pub(crate) grant: &'static str,
        /// The action that means every action.
        pub(crate) every_action: &'static str,
        /// The subject that means every subject.
        pub(crate) every_subject: &'static str,
    }

    /// CASL (`can('manage', 'all')`) and CanCanCan (`can :manage, :all`).
    pub(crate) const ABILITY_BUILDERS: &[AbilityBuilder] = &[
        AbilityBuilder {
            library: "CASL",
            languages: &[Language::JavaScript, Language::TypeScript, Language::Tsx],
            markers: &["@casl/ability"],
            grant: "can",
            every_action: "manage",
            every_subject: "all",
        },
        AbilityBuilder {
            library: "CanCanCan",
            languages: &[Language::Ruby],
            markers: &["CanCan::Ability"],
            grant: "can",
            every_action: "manage",
            every_subject: "all",
        },
    ];

    /// A hook that runs before every authorization check and whose `true` allows it.
    pub(crate) struct GateHook {
        /// The library, for messages.
        pub(crate) library: &'static str,
        /// Its language.
        pub(crate) language: Language,
        /// The class or facade it is called on.
        pub(crate) class: &'static str,
        /// The hook method.
        pub(crate) hook: &'static str,
    }

    /// Laravel's `Gate::before`: a `true` from it short-circuits every ability check.
    pub(crate) const GATE_HOOKS: &[GateHook] = &[GateHook {
        library: "Laravel Gate::before short-circuits every ability check",
        language: Language::Php,
        class: "Gate",
        hook: "before",
    }];

    /// The class-name suffix of Pundit and Laravel policies.
    pub(crate) const POLICY_CLASS_SUFFIX: &str = "Policy";

    /// Policy methods (Pundit predicates without `?`, Laravel abilities) that change or remove
    /// records, compared case-insensitively with underscores dropped.
    pub(crate) const POLICY_WRITE_ACTIONS: &[&str] = &[
        "update",
        "edit",
        "destroy",
        "delete",
        "forceDelete",
        "restore",
        "manage",
        "impersonate",
        "transfer",
        "approve",
        "publish",
        "archive",
        "deleteAny",
        "updateAny",
    ];
}

/// Grants whose breadth is library knowledge: scopes that mean "everything", calls that take a
/// list of abilities, IAM policy statements built in code.
pub(crate) mod grants {
    use idgate_lang::Language;

    /// OAuth scopes that grant far more than their words say, compared exactly.
    pub(crate) const BROAD_SCOPES: &[(&str, &str)] = &[
        (
            "https://www.googleapis.com/auth/cloud-platform",
            "every Google Cloud API the identity's IAM roles allow",
        ),
        (
            "https://www.googleapis.com/auth/iam",
            "Google Cloud IAM administration",
        ),
        (
            "https://www.googleapis.com/auth/drive",
            "every file in Google Drive",
        ),
        ("https://mail.google.com/", "full access to Gmail"),
        (
            "https://management.azure.com/user_impersonation",
            "Azure Resource Manager as the signed-in user",
        ),
        ("repo", "full control of every private GitHub repository"),
    ];

    /// The reason a scope is broad, when it is a catalogued one.
    pub(crate) fn broad_scope(entry: &str) -> Option<&'static str> {
        BROAD_SCOPES
            .iter()
            .find(|(s, _)| *s == entry.trim_end_matches('/') || *s == entry)
            .map(|(_, why)| *why)
    }

    /// A call whose argument at `arg` lists the abilities or scopes a token is issued with.
    pub(crate) struct GrantCall {
        /// The library, for messages.
        pub(crate) library: &'static str,
        /// Languages.
        pub(crate) languages: &'static [Language],
        /// The method name.
        pub(crate) method: &'static str,
        /// The 0-based index of the abilities argument.
        pub(crate) arg: usize,
    }

    /// Laravel Sanctum and Passport: `$user->createToken('name', ['*'])`.
    pub(crate) const GRANT_CALLS: &[GrantCall] = &[GrantCall {
        library: "Laravel Sanctum/Passport",
        languages: &[Language::Php],
        method: "createToken",
        arg: 1,
    }];

    /// IAM policy statements built in code (AWS CDK `new iam.PolicyStatement({...})`).
    pub(crate) const POLICY_STATEMENT_CONSTRUCTORS: &[&str] = &["PolicyStatement"];

    /// Keys of a policy statement that list actions.
    pub(crate) const ACTION_KEYS: &[&str] = &["actions", "notActions", "Action", "NotAction"];

    /// Keys of a policy statement that list resources.
    pub(crate) const RESOURCE_KEYS: &[&str] =
        &["resources", "notResources", "Resource", "NotResource"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_file_parses_and_is_well_formed() {
        for (name, languages, text) in SOURCES {
            let file: File = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!file.api.is_empty(), "{name}");
            for api in &file.api {
                assert!(
                    !(api.calls.is_empty()
                        && api.decorators.is_empty()
                        && api.methods.is_empty()
                        && api.settings.is_empty()),
                    "{name}: {} lists nothing",
                    api.library
                );
                for m in &api.modules {
                    assert!(!m.contains("::") && !m.contains('\\'), "{name}: {m}");
                }
            }
            assert!(!languages.is_empty());
        }
        // Every language of the table has a catalogue.
        for lang in Language::ALL {
            assert!(!apis(lang).is_empty(), "{}", lang.id());
        }
    }

    fn surfaces(language: Language, text: &str) -> Vec<(Surface, String)> {
        let src = idgate_lang::parse(language, text).unwrap();
        let facts = Facts::of(&src);
        let mut out: Vec<(Surface, String)> = touches(language, &facts)
            .into_iter()
            .map(|t| (t.surface, t.api))
            .collect();
        out.dedup();
        out
    }

    #[test]
    fn surfaces_in_every_language() {
        use Surface::*;
        let cases: &[(Language, &str, Surface, &str)] = &[
            (
                Language::Python,
                "import jwt as j\nj.decode(t, k)\n",
                TokenVerification,
                "j.decode",
            ),
            (
                Language::Python,
                "from flask_login import login_required\n@login_required\ndef f(): pass\n",
                AuthnGuard,
                "login_required",
            ),
            (
                Language::Python,
                "SESSION_COOKIE_AGE = 3600\n",
                Session,
                "SESSION_COOKIE_AGE",
            ),
            (
                Language::JavaScript,
                "const { sign } = require('jsonwebtoken');\nsign(p, k, { expiresIn: '1h' });\n",
                TokenIssuance,
                "sign",
            ),
            (
                Language::TypeScript,
                "import bcrypt from 'bcrypt';\nawait bcrypt.hash(p, 12);\n",
                PasswordHashing,
                "bcrypt.hash",
            ),
            (
                Language::Go,
                "package a\nimport \"github.com/golang-jwt/jwt/v5\"\nfunc f() { jwt.Parse(t, kf) }\n",
                TokenVerification,
                "jwt.Parse",
            ),
            (
                Language::Go,
                "package a\nimport \"crypto/tls\"\nvar c = &tls.Config{InsecureSkipVerify: true}\n",
                TlsClient,
                "tls.Config",
            ),
            (
                Language::Java,
                "import io.jsonwebtoken.Jwts;\nclass A { void m() { Jwts.parser().setSigningKey(k); } }",
                TokenVerification,
                "Jwts.parser.setSigningKey",
            ),
            (
                Language::Java,
                "import org.springframework.security.access.prepost.PreAuthorize;\nclass A { @PreAuthorize(\"x\") void m() {} }",
                AuthzCheck,
                "PreAuthorize",
            ),
            (
                Language::Rust,
                "use reqwest::Client;\nfn f() { Client::builder().danger_accept_invalid_certs(true); }",
                TlsClient,
                "Client.builder",
            ),
            (
                Language::CSharp,
                "using Microsoft.AspNetCore.Authorization;\nclass A { [AllowAnonymous] void M() {} }",
                AuthzCheck,
                "AllowAnonymous",
            ),
            (
                Language::Ruby,
                "class A < B\n  skip_before_action :authenticate_user!\nend\n",
                AuthnGuard,
                "skip_before_action",
            ),
            (
                Language::Php,
                "<?php\nuse Firebase\\JWT\\JWT;\n$d = JWT::decode($t, $k);\n",
                TokenVerification,
                "JWT.decode",
            ),
            (
                Language::Php,
                "<?php\n$h = password_hash($p, PASSWORD_DEFAULT);\n",
                PasswordHashing,
                "password_hash",
            ),
        ];
        for (language, text, surface, api) in cases {
            let found = surfaces(*language, text);
            assert!(
                found.iter().any(|(s, a)| s == surface && a == api),
                "{}: wanted {surface:?} {api} in {found:?}",
                language.id()
            );
        }
    }

    #[test]
    fn lookalikes_are_not_surfaces() {
        // A local `decode` that is not PyJWT's, a Go `Parse` of another package, a Java
        // `parser()` of a JSON library.
        let quiet: &[(Language, &str)] = &[
            (
                Language::Python,
                "def decode(t):\n    return t\ndecode(x)\n",
            ),
            (Language::Python, "import json\njson.loads(s)\n"),
            (
                Language::Go,
                "package a\nimport \"net/url\"\nfunc f() { url.Parse(s) }\n",
            ),
            (
                Language::Java,
                "import com.fasterxml.jackson.core.JsonFactory;\nclass A { void m() { f.createParser(s); } }",
            ),
            (Language::JavaScript, "const x = JSON.parse(s);\n"),
            (Language::Rust, "fn f() { let c = Client::new(); }"),
        ];
        for (language, text) in quiet {
            let found: Vec<_> = surfaces(*language, text)
                .into_iter()
                .filter(|(s, _)| s.is_identity())
                .collect();
            assert!(found.is_empty(), "{}: {found:?}", language.id());
        }
    }
}

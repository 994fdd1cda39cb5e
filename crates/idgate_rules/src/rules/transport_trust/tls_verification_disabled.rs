//! IDG150 tls-verification-disabled

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Binding, Facts};
use crate::syntax::value::{
    body_always_returns, is_bool, is_falsy, lambda_always_returns, statements,
};
use crate::syntax::{ancestor, descendants, enclosing_function_name, function_text};

declare_rule! {
    /// ## What it does
    /// Flags code that turns TLS certificate or hostname verification off, in nine languages:
    /// Python `requests`/`httpx`/`boto3` with `verify=False`, `ssl._create_unverified_context()`,
    /// `check_hostname = False`, `CERT_NONE`; Node `rejectUnauthorized: false` and
    /// `NODE_TLS_REJECT_UNAUTHORIZED=0`; Go `InsecureSkipVerify: true`; Java trust-all
    /// `X509TrustManager`s, `NoopHostnameVerifier`, `TrustAllStrategy` and hostname verifiers that
    /// always return `true`; Rust `danger_accept_invalid_certs(true)` and rustls verifiers that
    /// accept every certificate; C# validation callbacks that always return `true`; Ruby
    /// `VERIFY_NONE` and Faraday `ssl: { verify: false }`; PHP cURL `CURLOPT_SSL_VERIFYPEER`/
    /// `CURLOPT_SSL_VERIFYHOST` off, stream contexts with `verify_peer => false`, Guzzle
    /// `'verify' => false` and Laravel `Http::withoutVerifying()`.
    ///
    /// In `idgate check`, only what the change introduced counts; when the old version of the file
    /// used the same API with verification on, the finding shows before and after.
    ///
    /// ## Why is this bad?
    /// Without certificate verification anyone on the network path (a proxy, a Wi-Fi hotspot, a
    /// compromised pod) can present their own certificate, read the traffic and change it: bearer
    /// tokens, passwords, client secrets and session cookies travel in it. Without hostname
    /// verification any valid certificate for any domain will do. Agents switch verification off
    /// to silence a `CERTIFICATE_VERIFY_FAILED` error in a dev environment and the line ships.
    ///
    /// ## Example
    /// ```python
    /// resp = requests.post(TOKEN_URL, data=creds, verify=False)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// resp = requests.post(TOKEN_URL, data=creds, verify="/etc/ssl/internal-ca.pem")
    /// ```
    /// Trust the private CA (a bundle path, `NODE_EXTRA_CA_CERTS`, a Java trust store, a
    /// `RootCertStore`) instead of trusting everything.
    ///
    /// ## References
    /// - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    /// - [CWE-297: Improper Validation of Certificate with Host Mismatch](https://cwe.mitre.org/data/definitions/297.html)
    /// - [OWASP: Transport Layer Security Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG150",
        name: "tls-verification-disabled",
        category: TransportTrust,
        cwe: [295, 297],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, Rust, CSharp, Ruby, Php],
        keywords: [
            "verify", "rejectUnauthorized", "NODE_TLS_REJECT_UNAUTHORIZED", "strictSSL",
            "checkServerIdentity", "InsecureSkipVerify", "checkServerTrusted", "HostnameVerifier",
            "TrustAllStrategy", "TrustSelfSignedStrategy", "danger_accept_invalid", "ServerCertVerified",
            "ValidationCallback", "SslPolicyErrors", "CERT_NONE", "check_hostname",
            "_create_unverified_context", "_create_stdlib_context", "CURLOPT_SSL", "allow_self_signed",
            "ssl"
        ],
        summary: "TLS certificate or hostname verification is turned off.",
        check: check,
    };
}

/// What a finding turns off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Certificate,
    Hostname,
    SelfSigned,
    Process,
}

impl What {
    fn describe(self) -> &'static str {
        match self {
            What::Certificate => "TLS certificate verification",
            What::Hostname => "TLS hostname verification",
            What::SelfSigned => "TLS chain validation (any self-signed certificate accepted)",
            What::Process => "TLS certificate verification for every connection of the process",
        }
    }

    fn risk(self) -> &'static str {
        match self {
            What::Hostname => {
                "a certificate issued for any other domain is accepted, so anyone holding one can impersonate the server"
            }
            _ => {
                "anyone on the network path can impersonate the server and read or alter the traffic, credentials included"
            }
        }
    }
}

/// One place that turns verification off.
struct Insecure<'t> {
    node: Node<'t>,
    what: What,
    /// The code form, for the message (`verify=False` on `requests.post`).
    how: String,
    /// The API or setting name, to find the same use in the old version.
    key: String,
}

/// Python HTTP clients whose calls take `verify=`.
const PY_VERIFY_MODULES: &[&str] = &["requests", "httpx", "boto3", "botocore"];
/// Call names of those clients (and of sessions built from them) that take `verify=`.
const PY_VERIFY_CALLS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "send",
    "stream",
    "Client",
    "AsyncClient",
    "HTTPTransport",
    "AsyncHTTPTransport",
    "client",
    "resource",
    "Session",
    "merge_environment_settings",
];
/// aiohttp calls that take `ssl=` / `verify_ssl=`.
const AIOHTTP_CALLS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "ws_connect",
    "TCPConnector",
    "ClientSession",
];
/// Python's stdlib shortcuts to an unverified context.
const PY_UNVERIFIED_CONTEXTS: &[&str] = &[
    "ssl._create_unverified_context",
    "ssl._create_stdlib_context",
];
/// Java types whose instances accept every host or every certificate.
const JAVA_ACCEPT_ALL: &[(&str, What)] = &[
    ("NoopHostnameVerifier", What::Hostname),
    ("AllowAllHostnameVerifier", What::Hostname),
    ("ALLOW_ALL_HOSTNAME_VERIFIER", What::Hostname),
    ("TrustAllStrategy", What::Certificate),
    ("TrustSelfSignedStrategy", What::SelfSigned),
    ("InsecureTrustManagerFactory", What::Certificate),
];
/// Java setters that take a hostname verifier.
const JAVA_HOSTNAME_SETTERS: &[&str] = &[
    "setHostnameVerifier",
    "setDefaultHostnameVerifier",
    "hostnameVerifier",
    "setSSLHostnameVerifier",
];
/// C# properties holding a certificate validation callback.
const CS_CALLBACKS: &[&str] = &[
    "ServerCertificateCustomValidationCallback",
    "ServerCertificateValidationCallback",
    "RemoteCertificateValidationCallback",
    "CertificateValidationCallback",
];
/// Rust builder methods that switch a check off when given `true`.
const RUST_DANGER: &[(&str, What)] = &[
    ("danger_accept_invalid_certs", What::Certificate),
    ("danger_accept_invalid_hostnames", What::Hostname),
];
/// PHP HTTP calls whose options array takes Guzzle's `verify`.
const PHP_GUZZLE_CALLS: &[&str] = &[
    "request",
    "requestAsync",
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "send",
    "sendAsync",
    "withOptions",
    "Client",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let found = insecure(cx.new, cx.facts());
    if found.is_empty() {
        return;
    }
    let old = cx.old.zip(cx.old_facts()).map(|(old, old_facts)| {
        let whats: Vec<(Option<String>, What)> = insecure(old, old_facts)
            .iter()
            .map(|i| (enclosing_function_name(old, i.node), i.what))
            .collect();
        (old, whats)
    });
    for i in found {
        // The same function of the old version used the same API and did not turn this check off.
        let scope = enclosing_function_name(cx.new, i.node);
        let before = old.as_ref().and_then(|(old, whats)| {
            let text = function_text(old, scope.as_deref())?;
            (text.contains(i.key.as_str()) && !whats.contains(&(scope.clone(), i.what)))
                .then(|| format!("{} on", i.what.describe()))
        });
        hits.push(Hit {
            start: crate::syntax::call_start(i.node),
            end: i.node.end_byte(),
            message: format!(
                "{} turned off ({}): {}; trust the private CA or pinned certificate instead of skipping the check",
                i.what.describe(),
                i.how,
                i.what.risk()
            ),
            before,
            after: Some(format!("{} off ({})", i.what.describe(), i.how)),
            measure: None,
        });
    }
}

fn insecure<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Insecure<'t>> {
    let mut out = Vec::new();
    for b in &facts.bindings {
        binding(src, facts, b, &mut out);
    }
    for call in &facts.calls {
        let name = call.name();
        let arg = |i: usize| call.args.get(i).copied();
        match src.language {
            Language::Python if PY_UNVERIFIED_CONTEXTS.contains(&call.qualified.as_str()) => {
                out.push(Insecure {
                    node: call.node,
                    what: What::Certificate,
                    how: format!("`{}()`", call.written),
                    key: call.written.clone(),
                });
            }
            Language::Php if name.eq_ignore_ascii_case("curl_setopt") => {
                let (Some(opt), Some(value)) = (arg(1), arg(2)) else {
                    continue;
                };
                let opt = src.text_of(opt).trim_start_matches('\\');
                let what = match opt {
                    "CURLOPT_SSL_VERIFYPEER" => What::Certificate,
                    "CURLOPT_SSL_VERIFYHOST" => What::Hostname,
                    _ => continue,
                };
                if is_falsy(src, value) {
                    out.push(Insecure {
                        node: call.node,
                        what,
                        how: format!("`curl_setopt({opt}, {})`", src.text_of(value)),
                        key: opt.to_string(),
                    });
                }
            }
            Language::Php
                if name == "withoutVerifying"
                    && (call.written.starts_with("Http.")
                        || call.qualified.contains("Illuminate")
                        || call.written.contains("Http")) =>
            {
                out.push(Insecure {
                    node: call.node,
                    what: What::Certificate,
                    how: "`Http::withoutVerifying()`".into(),
                    key: "Http".into(),
                });
            }
            Language::Rust => {
                let Some((_, what)) = RUST_DANGER.iter().find(|(n, _)| *n == name) else {
                    continue;
                };
                if arg(0).is_some_and(|a| is_bool(src, a, true)) {
                    out.push(Insecure {
                        node: call.node,
                        what: *what,
                        how: format!("`{name}(true)`"),
                        key: name.to_string(),
                    });
                }
            }
            Language::Java => {
                if let Some((n, what)) = JAVA_ACCEPT_ALL.iter().find(|(n, _)| *n == name)
                    && call.node.kind() == "object_creation_expression"
                {
                    out.push(Insecure {
                        node: call.node,
                        what: *what,
                        how: format!("`new {n}()`"),
                        key: n.to_string(),
                    });
                } else if JAVA_HOSTNAME_SETTERS.contains(&name)
                    && call
                        .args
                        .iter()
                        .any(|a| lambda_always_returns(src, *a, true))
                {
                    out.push(Insecure {
                        node: call.node,
                        what: What::Hostname,
                        how: format!("`{name}` with a verifier that always returns true"),
                        key: name.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    for node in descendants(src.tree.root_node()) {
        declaration(src, node, &mut out);
    }
    // A setting that follows a verification flag (`if not verify: cert_reqs = CERT_NONE`) is the
    // caller's choice, and a wrapper class's own defaults (`self.check_hostname = False`) are
    // not a connection.
    out.retain(|i| !follows_flag(src, i.node) && !own_default(src, i.node));
    out.sort_by_key(|i| i.node.start_byte());
    out.dedup_by_key(|i| (i.node.start_byte(), i.what));
    out
}

/// Whether `node` sits in a branch whose condition reads a TLS verification flag.
fn follows_flag(src: &Source<'_>, node: Node<'_>) -> bool {
    const FLAG_WORDS: &[&str] = &[
        "verif", "insecure", "skip", "validat", "ignore", "strict", "unsafe", "trust",
    ];
    let mut cur = node.parent();
    while let Some(n) = cur {
        if crate::syntax::FUNCTION_KINDS.contains(&n.kind()) {
            return false;
        }
        let condition = match n.kind() {
            "if_statement"
            | "if"
            | "unless"
            | "if_expression"
            | "elif_clause"
            | "conditional_expression"
            | "ternary_expression"
            | "if_modifier"
            | "unless_modifier" => n.child_by_field_name("condition"),
            // Python's `else:` belongs to the `if` above it.
            "else_clause" => n.parent().and_then(|p| p.child_by_field_name("condition")),
            _ => None,
        };
        if let Some(c) = condition {
            let lower = src.text_of(c).to_ascii_lowercase();
            if FLAG_WORDS.iter().any(|w| lower.contains(w)) {
                return true;
            }
        }
        cur = n.parent();
    }
    false
}

/// Whether `node` assigns a default to an attribute of `self` (Python): a class modelling a TLS
/// context, not code that connects.
fn own_default(src: &Source<'_>, node: Node<'_>) -> bool {
    src.language == Language::Python
        && node.kind() == "assignment"
        && node
            .child_by_field_name("left")
            .is_some_and(|l| src.text_of(l).starts_with("self."))
}

/// Settings and keyword arguments.
fn binding<'t>(src: &Source<'_>, facts: &Facts<'_>, b: &Binding<'t>, out: &mut Vec<Insecure<'t>>) {
    let name = b.name.as_str();
    let value = b.value;
    let value_text = src.text_of(value).trim();
    let mut push = |what: What, how: String| {
        out.push(Insecure {
            node: b.node,
            what,
            how,
            key: name.to_string(),
        });
    };
    match src.language {
        Language::Python => match name {
            "verify" if is_falsy(src, value) => {
                let Some(callee) = enclosing_call_path(facts, b.node) else {
                    // `session.verify = False` on a requests session.
                    if b.node.kind() == "assignment"
                        && PY_VERIFY_MODULES.iter().any(|m| facts.uses_module(m))
                    {
                        push(What::Certificate, format!("`{}`", src.text_of(b.node)));
                    }
                    return;
                };
                let root = callee.split('.').next().unwrap_or("");
                let short = callee.rsplit('.').next().unwrap_or("");
                let http = PY_VERIFY_MODULES.contains(&root)
                    || (PY_VERIFY_CALLS.contains(&short)
                        && PY_VERIFY_MODULES.iter().any(|m| facts.uses_module(m)));
                if http {
                    out.push(Insecure {
                        node: b.node,
                        what: What::Certificate,
                        how: format!("`verify={value_text}` on `{callee}`"),
                        key: short.to_string(),
                    });
                }
            }
            "ssl" | "verify_ssl" if is_bool(src, value, false) => {
                let Some(callee) = enclosing_call_path(facts, b.node) else {
                    return;
                };
                let short = callee.rsplit('.').next().unwrap_or("");
                if facts.uses_module("aiohttp") && AIOHTTP_CALLS.contains(&short) {
                    push(What::Certificate, format!("`{name}=False` on `{callee}`"));
                }
            }
            "check_hostname" if is_bool(src, value, false) => {
                push(What::Hostname, "`check_hostname = False`".into());
            }
            "verify_mode" | "cert_reqs"
                if value_text.trim_matches(['"', '\'']).ends_with("CERT_NONE") =>
            {
                push(What::Certificate, format!("`{name}` set to `CERT_NONE`"));
            }
            _ => {}
        },
        l if l.is_js_family() => {
            if name.contains("NODE_TLS_REJECT_UNAUTHORIZED") {
                if is_falsy(src, value)
                    && !matches!(
                        crate::syntax::value::literal(src, value),
                        Some(crate::syntax::value::Lit::Null)
                    )
                {
                    push(
                        What::Process,
                        "`NODE_TLS_REJECT_UNAUTHORIZED` set to `0`".into(),
                    );
                }
                return;
            }
            match name {
                "rejectUnauthorized" | "strictSSL" if is_bool(src, value, false) => {
                    push(What::Certificate, format!("`{name}: false`"));
                }
                "checkServerIdentity" if returns_nothing(src, value) => {
                    push(
                        What::Hostname,
                        "`checkServerIdentity` that accepts every host".into(),
                    );
                }
                _ => {}
            }
        }
        Language::Go if name == "InsecureSkipVerify" && is_bool(src, value, true) => {
            out.push(Insecure {
                node: b.node,
                what: What::Certificate,
                how: "`InsecureSkipVerify: true`".into(),
                key: "tls.Config".into(),
            });
        }
        Language::CSharp if CS_CALLBACKS.contains(&name) => {
            if value_text.ends_with("DangerousAcceptAnyServerCertificateValidator") {
                push(
                    What::Certificate,
                    "`DangerousAcceptAnyServerCertificateValidator`".into(),
                );
            } else if lambda_always_returns(src, value, true) {
                push(
                    What::Certificate,
                    format!("`{name}` that always returns true"),
                );
            }
        }
        Language::Ruby => match name {
            "verify_mode" | "ssl_verify_mode" | "verify_ssl"
                if value_text.ends_with("VERIFY_NONE") || is_bool(src, value, false) =>
            {
                push(What::Certificate, format!("`{name}` set to `{value_text}`"));
            }
            "ssl_verify_peer" if is_bool(src, value, false) => {
                push(What::Certificate, "`ssl_verify_peer: false`".into());
            }
            "verify" if is_bool(src, value, false) => {
                // Faraday's `ssl: { verify: false }`.
                let in_ssl = ancestor(b.node, &["pair"]).is_some_and(|p| {
                    p.child_by_field_name("key")
                        .is_some_and(|k| src.text_of(k).trim_matches([':', '"', '\'']) == "ssl")
                });
                // HTTParty's `HTTParty.get(url, verify: false)`.
                let httparty = enclosing_call_path(facts, b.node).is_some_and(|c| {
                    c.starts_with("HTTParty.")
                        || (facts.uses_module("httparty")
                            && matches!(
                                c.rsplit('.').next().unwrap_or(""),
                                "get" | "post" | "put" | "patch" | "delete" | "head" | "options"
                            ))
                });
                if in_ssl {
                    push(What::Certificate, "`ssl: { verify: false }`".into());
                } else if httparty {
                    push(
                        What::Certificate,
                        "`verify: false` on an HTTParty request".into(),
                    );
                }
            }
            _ => {}
        },
        Language::Php => match name {
            "CURLOPT_SSL_VERIFYPEER" if is_falsy(src, value) => {
                push(
                    What::Certificate,
                    format!("`CURLOPT_SSL_VERIFYPEER => {value_text}`"),
                );
            }
            "CURLOPT_SSL_VERIFYHOST" if is_falsy(src, value) => {
                push(
                    What::Hostname,
                    format!("`CURLOPT_SSL_VERIFYHOST => {value_text}`"),
                );
            }
            "verify_peer" if is_falsy(src, value) => {
                push(What::Certificate, "`'verify_peer' => false`".into());
            }
            "verify_peer_name" | "verify_host" if is_falsy(src, value) => {
                push(What::Hostname, format!("`'{name}' => false`"));
            }
            "allow_self_signed" if is_bool(src, value, true) => {
                push(What::SelfSigned, "`'allow_self_signed' => true`".into());
            }
            "verify" if is_bool(src, value, false) => {
                // Guzzle's request option, inside the options of an HTTP call.
                let Some(callee) = enclosing_call_path(facts, b.node) else {
                    return;
                };
                let short = callee.rsplit('.').next().unwrap_or("");
                let guzzle = facts.uses_module("GuzzleHttp")
                    || callee.starts_with("GuzzleHttp")
                    || callee.starts_with("Http.");
                if guzzle && PHP_GUZZLE_CALLS.contains(&short) {
                    push(
                        What::Certificate,
                        format!("`'verify' => false` on `{callee}`"),
                    );
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Method and function declarations that accept everything.
fn declaration<'t>(src: &Source<'_>, node: Node<'t>, out: &mut Vec<Insecure<'t>>) {
    let name = |n: Node<'_>| n.child_by_field_name("name").map(|x| src.text_of(x));
    match (src.language, node.kind()) {
        (Language::Java, "method_declaration") => {
            let (Some(method), Some(body)) = (name(node), node.child_by_field_name("body")) else {
                return;
            };
            let params = node
                .child_by_field_name("parameters")
                .map_or("", |p| src.text_of(p));
            // Point at the method name, not at its annotations.
            let at = node.child_by_field_name("name").unwrap_or(node);
            if method == "checkServerTrusted" && body_is_empty(body) {
                // An anonymous trust manager (`new X509TrustManager() { ... }`): where it is made.
                let made = node
                    .parent()
                    .filter(|p| p.kind() == "class_body")
                    .and_then(|p| p.parent())
                    .filter(|p| p.kind() == "object_creation_expression");
                out.push(Insecure {
                    node: made.unwrap_or(at),
                    what: What::Certificate,
                    how: "a trust manager whose `checkServerTrusted` accepts every chain".into(),
                    key: "checkServerTrusted".into(),
                });
            } else if method == "verify"
                && params.contains("SSLSession")
                && body_always_returns(src, body, true)
            {
                out.push(Insecure {
                    node: at,
                    what: What::Hostname,
                    how: "a `HostnameVerifier` whose `verify` always returns true".into(),
                    key: "HostnameVerifier".into(),
                });
            }
        }
        (Language::Java, "field_access") => {
            let field = node.child_by_field_name("field").map(|f| src.text_of(f));
            let object = node.child_by_field_name("object").map(|o| src.text_of(o));
            let Some(object) = object else { return };
            let owner = object.rsplit('.').next().unwrap_or(object);
            for (n, what) in JAVA_ACCEPT_ALL {
                if (owner == *n && field == Some("INSTANCE")) || field == Some(*n) {
                    out.push(Insecure {
                        node,
                        what: *what,
                        how: format!("`{}`", src.text_of(node)),
                        key: n.to_string(),
                    });
                }
            }
        }
        (Language::CSharp, "method_declaration" | "local_function_statement") => {
            let params = node
                .child_by_field_name("parameters")
                .map_or("", |p| src.text_of(p));
            let Some(body) = node.child_by_field_name("body") else {
                return;
            };
            if params.contains("SslPolicyErrors") && body_always_returns(src, body, true) {
                out.push(Insecure {
                    node,
                    what: What::Certificate,
                    how: format!(
                        "certificate validation callback `{}` always returns true",
                        name(node).unwrap_or("?")
                    ),
                    key: "SslPolicyErrors".into(),
                });
            }
        }
        (Language::Rust, "function_item") => {
            let (Some(f), Some(body)) = (name(node), node.child_by_field_name("body")) else {
                return;
            };
            if !matches!(
                f,
                "verify_server_cert" | "verify_tls12_signature" | "verify_tls13_signature"
            ) {
                return;
            }
            let stmts = statements(body);
            let accepts_all = stmts.len() == 1 && {
                let t = src.text_of(stmts[0]);
                t.contains("ServerCertVerified::assertion()")
                    || t.contains("HandshakeSignatureValid::assertion()")
            };
            if accepts_all && f == "verify_server_cert" {
                out.push(Insecure {
                    // The statement that accepts without looking.
                    node: stmts[0],
                    what: What::Certificate,
                    how: "a rustls `ServerCertVerifier` whose `verify_server_cert` accepts every certificate"
                        .into(),
                    key: "verify_server_cert".into(),
                });
            }
        }
        _ => {}
    }
}

/// Whether a block holds no statement (comments aside), or only a bare `return;`.
fn body_is_empty(body: Node<'_>) -> bool {
    let stmts = statements(body);
    stmts.is_empty()
        || (stmts.len() == 1
            && stmts[0].kind() == "return_statement"
            && stmts[0].named_child_count() == 0)
}

/// Whether a JS function value accepts everything: an empty body, or one returning `undefined`.
fn returns_nothing(src: &Source<'_>, value: Node<'_>) -> bool {
    let Some(body) = crate::syntax::value::lambda_body(value) else {
        return false;
    };
    if body.kind() == "undefined" {
        return true;
    }
    if body.kind() != "statement_block" {
        return false;
    }
    let stmts = statements(body);
    stmts.is_empty()
        || (stmts.len() == 1
            && stmts[0].kind() == "return_statement"
            && statements(stmts[0])
                .first()
                .is_none_or(|v| matches!(src.text_of(*v), "undefined" | "null")))
}

/// The callee path of the call whose argument list holds `node` (a keyword argument or an
/// options array/dict passed to it).
fn enclosing_call_path(facts: &Facts<'_>, node: Node<'_>) -> Option<String> {
    let start = node.start_byte();
    let end = node.end_byte();
    facts
        .calls
        .iter()
        .filter(|c| {
            c.args
                .iter()
                .any(|a| a.start_byte() <= start && end <= a.end_byte())
        })
        .min_by_key(|c| c.node.end_byte() - c.node.start_byte())
        .map(|c| c.qualified.clone())
}

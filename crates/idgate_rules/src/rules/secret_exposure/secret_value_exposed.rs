//! IDG210 secret-value-exposed

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::Facts;
use crate::syntax::generic::{call_shape, enclosing_named_function, string_literal};
use crate::syntax::words;

declare_rule! {
    /// ## What it does
    /// Flags a secret value — a variable, field or getter named like a password, secret, token,
    /// API or private key, credential or `Authorization` header, or a secret read from the
    /// environment, a secret store, Laravel `config('...secret')` or a database connection string
    /// (`GetConnectionString`) — that reaches:
    ///
    /// - a logger or console (`logging.*`, `logger.*`, `print`, `console.log`, `fmt.Println`,
    ///   `log.Printf`, `System.out.println`, `log.info`, `Console.WriteLine`, `_logger.Log*`,
    ///   `puts`, `Rails.logger`, `error_log`, `var_dump`, `println!`, `info!` ...);
    /// - an exception or error message (`raise ValueError(f"... {token}")`,
    ///   `throw new Error("..." + password)`, `fmt.Errorf`);
    /// - a URL query string built by hand (`"?token=" + token`, `f"...&password={pw}"`);
    /// - browser storage (`localStorage.setItem('token', ...)`, `sessionStorage`).
    ///
    /// The value must reach the sink as itself: through string concatenation, interpolation,
    /// formatting or structured log fields. A masked, hashed, counted or sliced value
    /// (`mask(token)`, `len(password)`, `token[:4]`), a boolean such as `has_token`, a name like
    /// `token_count` or `password_reset_requested`, or the word inside a string literal raises
    /// nothing.
    ///
    /// ## Why is this bad?
    /// Logs, error messages and URLs are copied everywhere: log shippers, APM tools, proxies,
    /// browser history, `Referer` headers, crash reports. A secret written there is readable by
    /// everyone who can read those, long after it was rotated elsewhere. Browser storage is
    /// readable by any script on the page, so one XSS hands over the session. Debug prints of a
    /// token are a typical leftover of an agent's debugging session.
    ///
    /// ## Example
    /// ```python
    /// logger.info(f"issued token {token} for {user.id}")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// logger.info("issued token for %s", user.id)
    /// ```
    ///
    /// ## References
    /// - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    /// - [CWE-312: Cleartext Storage of Sensitive Information](https://cwe.mitre.org/data/definitions/312.html)
    /// - [CWE-522: Insufficiently Protected Credentials](https://cwe.mitre.org/data/definitions/522.html)
    /// - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    /// - OWASP Non-Human Identities Top 10: NHI2 Secret Leakage
    pub(crate) static RULE = {
        code: "IDG210",
        name: "secret-value-exposed",
        category: SecretExposure,
        cwe: [532, 312, 522, 598],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Rust, Ruby, Php],
        keywords: ["password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "privatekey", "credential", "authorization", "jwt"],
        summary: "A password, token or other secret is written to a log, an error message, a URL or browser storage.",
        check: check,
    };
}

/// Words that make a name a secret.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "secret",
    "secrets",
    "token",
    "apikey",
    "credential",
    "credentials",
    "creds",
    "authorization",
    "jwt",
    "bearer",
    "privatekey",
];

/// Word pairs that make a name a secret (`api_key`, `private_key`).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("secret", "key"),
    ("access", "key"),
    ("signing", "key"),
    ("client", "secret"),
    ("auth", "header"),
    ("session", "id"),
];

/// Words that make a secret-looking name something else: a count, a flag, a type, a place, a
/// derived or masked value, or a token that is no credential (a page or cancellation token).
const NOT_SECRET_WORDS: &[&str] = &[
    // Where a secret lives or what a run did with it, not the secret (`CREDENTIAL_ENV`,
    // `INVALID_API_KEY_EXIT_CODE`, `run_secrets_flag`).
    "env",
    "var",
    "envvar",
    "exit",
    "flag",
    "flags",
    // What a credential belongs to or how it was handled (`credentials_universe_domain`,
    // `_credential_refresh_attempt`, `private_key_filename`, a pager's `_starting_token`).
    "universe",
    "domain",
    // A semaphore's or lock's token (`acquire_token`).
    "acquire",
    "semaphore",
    "attempt",
    "attempts",
    "filename",
    "starting",
    "count",
    "len",
    "length",
    "size",
    "num",
    "type",
    "types",
    "kind",
    "name",
    "names",
    "id",
    "ids",
    "exp",
    "expiry",
    "expires",
    "expiration",
    "expired",
    "ttl",
    "lifetime",
    "age",
    "url",
    "uri",
    "endpoint",
    "path",
    "file",
    "dir",
    "hash",
    "hashed",
    "digest",
    "salt",
    "valid",
    "invalid",
    "validator",
    "is",
    "has",
    "present",
    "missing",
    "required",
    "enabled",
    "exists",
    "provider",
    "field",
    "label",
    "prefix",
    "suffix",
    "reset",
    "requested",
    "changed",
    "updated",
    "created",
    "at",
    "policy",
    "strength",
    "hint",
    "masked",
    "redacted",
    "mask",
    "fingerprint",
    "kid",
    "version",
    "status",
    "error",
    "err",
    "message",
    "msg",
    "format",
    "source",
    "store",
    "manager",
    "service",
    "client",
    "generator",
    "cancellation",
    "cancel",
    "page",
    "next",
    "continuation",
    "csrf",
    "xsrf",
    "sync",
    "lexer",
    "parser",
    "index",
    "idx",
    "pos",
    "position",
    "start",
    "end",
    "line",
    "span",
    "location",
    "arn",
    "ref",
    "scope",
    "scopes",
    "claims",
    "payload",
    "header",
    "headers",
    "response",
    "request",
    "form",
    "input",
    "prompt",
    "dialog",
    "button",
    "key",
    "keys",
    "usage",
    "limit",
    "rotation",
    "rotated",
    "last",
    "refreshed",
    "issued",
    "revoked",
    "encrypted",
    "encoded",
    "config",
    "options",
    "settings",
    "range",
    "cache",
    "counter",
    "budget",
    "offset",
    "map",
    "table",
    "tree",
    "node",
    "bucket",
    "regex",
    "pattern",
    "stream",
    "buffer",
    "list",
    "tokens",
    "tokenizer",
    "lexer",
    "ttl",
    "expire",
    "minutes",
    "seconds",
    "hours",
    "days",
    "ms",
    "timeout",
    "delta",
    "duration",
    "in",
    "validity",
    "interval",
    "window",
    "max",
    "min",
    "default",
    "timestamp",
];

fn is_secret_name(name: &str) -> bool {
    let w = words(name.trim_start_matches(['$', '@', '_']));
    if w.is_empty() {
        return false;
    }
    let secret = w.iter().any(|x| SECRET_WORDS.contains(&x.as_str()))
        || w.windows(2)
            .any(|p| SECRET_PAIRS.contains(&(p[0].as_str(), p[1].as_str())))
        || is_pass_name(&w);
    if !secret {
        return false;
    }
    let excluded = w.iter().any(|x| NOT_SECRET_WORDS.contains(&x.as_str()));
    if !excluded {
        return true;
    }
    // `auth_header` and `session_id` are secrets although `header`/`id` usually are not: a pair
    // holds unless a blocking word outside it says otherwise (`api_key_name`, `access_key_id`).
    w.windows(2).enumerate().any(|(i, p)| {
        SECRET_PAIRS.contains(&(p[0].as_str(), p[1].as_str()))
            && !w
                .iter()
                .enumerate()
                .any(|(j, x)| j != i && j != i + 1 && BLOCKING_WORDS.contains(&x.as_str()))
    })
}

/// `pass` as a password: alone (`(user, pass)`) or after an account word (`smtp_pass`,
/// `dbPass`), never inside another word (`bypass`, `passed`) or beside a count (`pass_rate`).
fn is_pass_name(w: &[String]) -> bool {
    const OWNERS: &[&str] = &[
        "user", "db", "smtp", "mail", "ftp", "admin", "root", "login", "auth", "proxy", "basic",
        "redis", "ldap", "mysql", "pg", "sql",
    ];
    match w {
        [only] => only == "pass",
        [.., owner, last] => last == "pass" && OWNERS.contains(&owner.as_str()),
        _ => false,
    }
}

/// Words that make even a secret pair something else (`api_key_name`, `session_id_count`).
const BLOCKING_WORDS: &[&str] = &[
    "exit",
    "flag",
    "filename",
    "count",
    "len",
    "length",
    "name",
    "type",
    "valid",
    "is",
    "has",
    "present",
    "missing",
    "hash",
    "hashed",
    "masked",
    "redacted",
    "url",
    "path",
    "ttl",
    "exp",
    "expiry",
    "expires",
    "at",
    "id",
    "ids",
    "file",
    "env",
    "var",
    "fingerprint",
    "thumbprint",
    "public",
    "pub",
];

/// Whether a receiver segment names a logger (`log`, `logger`, `_logger`, `LOGGER`, `console`,
/// `getLogger`, `audit_log`).
fn is_logger(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase();
    matches!(
        s.as_str(),
        "log"
            | "logging"
            | "console"
            | "slog"
            | "logrus"
            | "zap"
            | "glog"
            | "klog"
            | "_log"
            | "sugar"
            | "zerolog"
    ) || s.ends_with("logger")
        || s.ends_with("_log")
        || (s.starts_with("log") && !s.starts_with("login") && !s.starts_with("logout"))
}

/// Log and print method names on a logger receiver.
const LOG_METHODS: &[&str] = &[
    "debug",
    "info",
    "warn",
    "warning",
    "error",
    "exception",
    "critical",
    "fatal",
    "trace",
    "log",
    "notice",
    "alert",
    "emergency",
    "verbose",
    "silly",
    "dir",
    "table",
    "Debug",
    "Debugf",
    "Debugw",
    "Info",
    "Infof",
    "Infow",
    "Warn",
    "Warnf",
    "Warnw",
    "Warning",
    "Warningf",
    "Error",
    "Errorf",
    "Errorw",
    "Fatal",
    "Fatalf",
    "Fatalln",
    "Panic",
    "Panicf",
    "Panicln",
    "Print",
    "Printf",
    "Println",
    "Trace",
    "Tracef",
    "LogDebug",
    "LogInformation",
    "LogWarning",
    "LogError",
    "LogCritical",
    "LogTrace",
    "Log",
    "Information",
    "Verbose",
    "Write",
    "WriteLine",
    "println",
    "print",
    "printf",
    "Msg",
    "Msgf",
    "Debugln",
    "Infoln",
    "Warnln",
    "Errorln",
];

/// Bare functions that print or log.
const PRINT_FUNCTIONS: &[&str] = &[
    "print",
    "puts",
    "p",
    "pp",
    "error_log",
    "var_dump",
    "var_export",
    "print_r",
    "printf",
    "syslog",
    "debug_zval_dump",
    "dump",
    "dd",
];

/// Rust macros that print or log (last path segment).
const RUST_LOG_MACROS: &[&str] = &[
    "println", "print", "eprintln", "eprint", "dbg", "info", "debug", "warn", "error", "trace",
    "event",
];

/// Rust macros that build an error.
const RUST_ERROR_MACROS: &[&str] = &["anyhow", "bail", "format_err", "panic", "ensure"];

/// Calls whose result carries their argument unchanged (formatting, field constructors).
const PASS_THROUGH: &[&str] = &[
    "format",
    "Sprintf",
    "Sprint",
    "Sprintln",
    "Errorf",
    "sprintf",
    "vsprintf",
    "formatted",
    "str",
    "String",
    "toString",
    "ToString",
    "repr",
    "stringify",
    "dumps",
    "json_encode",
    "concat",
    "Concat",
    "join",
    "Join",
    "Any",
    "Str",
    "Stringer",
    "Reflect",
    "Field",
    "with",
    "strval",
    "inspect",
    "to_s",
    "to_json",
    "Format",
    "sprint",
    "f",
    "escape",
    "quote",
    "encodeURIComponent",
    "urlencode",
    "QueryEscape",
    "PathEscape",
];

/// Methods on the value itself that keep it (`token.strip()`, `password.toString()`).
const RECEIVER_PASS_THROUGH: &[&str] = &[
    "strip",
    "trim",
    "Trim",
    "decode",
    "encode",
    "toString",
    "ToString",
    "to_s",
    "as_str",
    "to_string",
    "clone",
    "unwrap",
    "expose_secret",
    "get_secret_value",
    "getValue",
    "to_owned",
    "String",
    "toUpperCase",
    "toLowerCase",
    "upper",
    "lower",
];

/// Calls that return a secret from a secret store (AWS, GCP, Azure, Vault).
const SECRET_STORE_CALLS: &[&str] = &[
    "get_secret_value",
    "GetSecretValue",
    "getSecretValue",
    "access_secret_version",
    "accessSecretVersion",
    "GetSecretAsync",
    "getSecret",
    "get_secret",
    "read_secret_version",
];

/// Where a secret ended up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    Log,
    Error,
    Url,
    Storage,
    Response,
}

impl Sink {
    fn describe(self) -> &'static str {
        match self {
            Sink::Log => "written to a log or console",
            Sink::Error => "put into an error message",
            Sink::Url => "put into a URL query string",
            Sink::Storage => "stored in browser storage",
            Sink::Response => "sent to the client in an HTTP response",
        }
    }

    fn risk(self) -> &'static str {
        match self {
            Sink::Log => {
                "anyone who can read the logs or their copies can use it; log an identifier or a masked value instead"
            }
            Sink::Error => {
                "error messages reach logs, crash reports and sometimes the client; leave the value out of the message"
            }
            Sink::Url => {
                "URLs land in server logs, proxies, browser history and `Referer` headers; send it in a header or POST body"
            }
            Sink::Storage => {
                "any script on the page can read it, so one XSS steals it; keep it in an `HttpOnly` cookie"
            }
            Sink::Response => {
                "whoever triggers this response reads the server's secret; answer with a generic message and keep configuration out of responses"
            }
        }
    }
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let lower = src.text.to_ascii_lowercase();
    // A bare `token` is a credential only in code about authentication.
    let auth_context = [
        "authoriz",
        "authent",
        "jwt",
        "bearer",
        "login",
        "oauth",
        "credential",
        "password",
        "api_key",
        "apikey",
        "secret",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut report = |node: Node<'_>, sink: Sink, what: &str, via: &str, hits: &mut Vec<Hit>| {
        if seen.contains(&(node.start_byte(), node.end_byte())) {
            return;
        }
        seen.push((node.start_byte(), node.end_byte()));
        let place = enclosing_named_function(src, node)
            .map_or(String::new(), |(_, n)| format!(" in `{n}`"));
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "Secret `{what}` {}{place} ({via}): {}",
                sink.describe(),
                sink.risk()
            ),
            before: None,
            after: Some(format!("`{what}` {}", sink.describe())),
            measure: None,
        });
    };
    let finder = Finder {
        src,
        facts,
        auth_context,
    };
    for call in &facts.calls {
        let Some(sink) = finder.sink_of(call) else {
            continue;
        };
        let via = call.written.clone();
        if src.language == Language::Rust && call.node.kind() == "macro_invocation" {
            if let Some(what) = finder.rust_macro_secret(call.node) {
                report(call.node, sink, &what, &format!("{via}!"), hits);
            }
            continue;
        }
        if sink == Sink::Storage {
            // `localStorage.setItem(key, value)`: the key names it, or the value is a secret.
            let key = call.args.first().and_then(|a| string_literal(src, *a));
            if let Some(k) = key.as_ref().filter(|k| is_secret_name(k)) {
                report(call.node, sink, k, &via, hits);
                continue;
            }
            if let Some(value) = call.args.get(1)
                && let Some(what) = finder.secret_reaching(*value, call.node)
            {
                report(call.node, sink, &what, &via, hits);
            }
            continue;
        }
        for arg in &call.args {
            if sink == Sink::Response {
                // A response carries tokens the server issues on purpose; only the server's own
                // configured secrets are a leak there. Reported where the secret is.
                if let Some((what, at)) = finder.server_secret_reaching(*arg, call.node) {
                    report(at, sink, &what, &via, hits);
                    break;
                }
                continue;
            }
            if let Some(what) = finder.secret_reaching(*arg, call.node) {
                report(call.node, sink, &what, &via, hits);
                break;
            }
        }
    }
    // Statements and expressions that are sinks without being calls.
    for node in descendants(src.tree.root_node()) {
        match node.kind() {
            // PHP `echo $token;`
            "echo_statement" | "print_intrinsic" => {
                let mut c = node.walk();
                let args: Vec<Node<'_>> = node.named_children(&mut c).collect();
                for a in args {
                    if let Some(what) = finder.secret_reaching(a, node) {
                        report(node, Sink::Log, &what, "echo", hits);
                        break;
                    }
                }
            }
            // `localStorage.token = t`, `localStorage['token'] = t`.
            "assignment_expression" if src.language.is_js_family() => {
                let Some(left) = node.child_by_field_name("left") else {
                    continue;
                };
                let text = src.text_of(left);
                if !(text.starts_with("localStorage")
                    || text.starts_with("sessionStorage")
                    || text.starts_with("window.localStorage")
                    || text.starts_with("window.sessionStorage"))
                {
                    continue;
                }
                let key = match left.kind() {
                    "member_expression" => left
                        .child_by_field_name("property")
                        .map(|p| src.text_of(p).to_string()),
                    "subscript_expression" => left
                        .child_by_field_name("index")
                        .and_then(|i| string_literal(src, i)),
                    _ => None,
                };
                if let Some(k) = key.filter(|k| is_secret_name(k)) {
                    report(node, Sink::Storage, &k, "browser storage", hits);
                }
            }
            _ => {}
        }
        // A URL with a secret query parameter built by hand.
        if let Some(what) = finder.secret_query(node) {
            report(node, Sink::Url, &what, "query string", hits);
        }
    }
}

struct Finder<'a, 't> {
    src: &'a Source<'t>,
    facts: &'a Facts<'a>,
    auth_context: bool,
}

impl<'a, 't> Finder<'a, 't> {
    /// What kind of sink `call` is, if any.
    fn sink_of(&self, call: &crate::syntax::facts::Call<'_>) -> Option<Sink> {
        let src = self.src;
        let name = call.name();
        let written = call.written.as_str();
        let receiver = written.rsplit_once('.').map(|(r, _)| r).unwrap_or("");
        let receiver_last = receiver
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if src.language == Language::Rust && call.node.kind() == "macro_invocation" {
            if RUST_LOG_MACROS.contains(&name) {
                return Some(Sink::Log);
            }
            if RUST_ERROR_MACROS.contains(&name) {
                return Some(Sink::Error);
            }
            return None;
        }
        if matches!(receiver_last.as_str(), "localstorage" | "sessionstorage") && name == "setItem"
        {
            return Some(Sink::Storage);
        }
        let in_throw = call.node.parent().is_some_and(|p| {
            matches!(
                p.kind(),
                "throw_statement" | "throw_expression" | "raise_statement"
            )
        });
        // Exceptions that carry a value to the caller rather than describe an error: ndb's
        // `raise ndb.Return(token)`, `StopIteration(value)`, requests-oauthlib's
        // `TokenUpdated(token)`.
        let carrier = matches!(name, "Return" | "StopIteration" | "StopAsyncIteration")
            || name.ends_with("Updated");
        if (in_throw && !carrier)
            || (src.language == Language::Ruby && matches!(written, "raise" | "fail"))
            || (src.language == Language::Go && matches!(written, "errors.New" | "fmt.Errorf"))
        {
            return Some(Sink::Error);
        }
        // Java `System.out.println`, C# `Console.WriteLine`, `Debug.WriteLine`, Go `fmt.Print*`.
        let printing = matches!(
            receiver,
            "System.out"
                | "System.err"
                | "Console"
                | "Debug"
                | "Trace"
                | "fmt"
                | "Console.Out"
                | "Console.Error"
        ) && (name.starts_with("print")
            || name.starts_with("Print")
            || name.starts_with("Write"));
        if printing {
            return Some(Sink::Log);
        }
        let receiver_first = receiver.split('.').next().unwrap_or("");
        if !receiver.is_empty()
            && LOG_METHODS.contains(&name)
            && (is_logger(&receiver_last) || is_logger(receiver_first))
        {
            return Some(Sink::Log);
        }
        // HTTP response bodies: Express/Fastify `res.json(...)`, `res.status(500).send(...)`,
        // `NextResponse.json(...)`, Flask `jsonify(...)`, Django `JsonResponse(...)`, gin
        // `c.JSON(...)`.
        let response = match src.language {
            l if l.is_js_family() => {
                (matches!(receiver_first, "res" | "response" | "reply")
                    && matches!(name, "json" | "send" | "jsonp" | "end"))
                    || matches!(written, "NextResponse.json" | "Response.json")
            }
            Language::Python => matches!(name, "jsonify" | "JsonResponse") && receiver.is_empty(),
            Language::Go => {
                matches!(receiver, "c" | "ctx") && matches!(name, "JSON" | "IndentedJSON")
            }
            _ => false,
        };
        if response {
            return Some(Sink::Response);
        }
        if receiver.is_empty() && PRINT_FUNCTIONS.contains(&name) {
            // Python `print`, Ruby `puts`/`p`, PHP `error_log`/`var_dump`.
            let fits = match src.language {
                Language::Python => name == "print",
                Language::Ruby => matches!(name, "puts" | "p" | "pp" | "print"),
                Language::Php => matches!(
                    name,
                    "error_log"
                        | "var_dump"
                        | "var_export"
                        | "print_r"
                        | "printf"
                        | "syslog"
                        | "dump"
                        | "dd"
                ),
                _ => false,
            };
            return fits.then_some(Sink::Log);
        }
        None
    }

    /// A secret-named value inside `arg` that reaches the sink `sink` unchanged.
    fn secret_reaching(&self, arg: Node<'_>, sink: Node<'_>) -> Option<String> {
        for node in descendants(arg) {
            let Some(name) = self.candidate(node) else {
                continue;
            };
            if self.reaches(node, sink) {
                return Some(name);
            }
        }
        None
    }

    /// A secret of the server's configuration inside `arg` (`process.env.DB_PASSWORD`,
    /// `settings.SECRET_KEY`) that reaches `sink` unchanged.
    fn server_secret_reaching<'n>(
        &self,
        arg: Node<'n>,
        sink: Node<'_>,
    ) -> Option<(String, Node<'n>)> {
        for node in descendants(arg) {
            let Some(name) = self.candidate(node) else {
                continue;
            };
            // `NEXT_PUBLIC_MAPBOX_TOKEN`, `STRIPE_PUBLISHABLE_KEY`: made for the browser.
            let public = words(&name)
                .iter()
                .any(|w| matches!(w.as_str(), "public" | "publishable" | "pub"));
            if !public
                && (is_server_secret(self.src.text_of(node)) || name.contains("` from `"))
                && self.reaches(node, sink)
            {
                return Some((name, node));
            }
        }
        None
    }

    /// The secret a node stands for, if it is a secret-named name, field, getter, header or
    /// environment read, or a name bound to one.
    fn candidate(&self, node: Node<'_>) -> Option<String> {
        self.candidate_in(node, true)
    }

    /// A value built by formatting or concatenation around a secret (`dsn :=
    /// fmt.Sprintf("postgres://%s:%s@...", user, password)`): the secret, when it reaches the
    /// binding unchanged.
    fn built_from_secret(&self, value: Node<'_>, binding: Node<'_>) -> Option<String> {
        let value = crate::syntax::generic::unwrap(value);
        let built = match value.kind() {
            "binary_expression"
            | "binary_operator"
            | "binary"
            | "template_string"
            | "interpolated_string_expression"
            | "encapsed_string"
            | "string" => true,
            _ => call_shape(self.src, value)
                .is_some_and(|c| PASS_THROUGH.contains(&c.name.as_str()) && c.name != "f"),
        };
        if !built {
            return None;
        }
        descendants(value).skip(1).find_map(|d| {
            let name = self.candidate_in(d, false)?;
            self.reaches(d, binding).then_some(name)
        })
    }

    fn candidate_in(&self, node: Node<'_>, follow: bool) -> Option<String> {
        let src = self.src;
        let text = src.text_of(node);
        let parent = node.parent();
        let name: String = match node.kind() {
            "identifier"
            | "variable_name"
            | "instance_variable"
            | "shorthand_property_identifier"
            | "simple_identifier" => {
                // Not a callee, a keyword argument's name, a key, a declaration's name or a
                // member's object (the member is the candidate then).
                if let Some(p) = parent {
                    if p.kind() == "keyword_argument"
                        && p.child_by_field_name("name")
                            .is_some_and(|n| n.id() == node.id())
                    {
                        return None;
                    }
                    if is_member(p.kind()) || p.kind() == "name" {
                        return None;
                    }
                    if call_shape(src, p).is_some_and(|c| {
                        c.receiver.is_none() && !c.args.iter().any(|a| a.id() == node.id())
                    }) {
                        return None;
                    }
                    if matches!(p.kind(), "pair" | "keyed_element")
                        && p.named_child(0).is_some_and(|k| k.id() == node.id())
                    {
                        return None;
                    }
                }
                text.trim_start_matches(['$', '@']).to_string()
            }
            k if is_member(k) => {
                // The outermost member only: `creds.password`, not `creds` nor
                // `creds.password.length`.
                if parent.is_some_and(|p| {
                    is_member(p.kind())
                        || call_shape(src, p).is_some_and(|c| {
                            c.receiver.is_none() && !c.args.iter().any(|a| a.id() == node.id())
                        })
                }) {
                    return None;
                }
                // The whole request header map, unless the file sets up log redaction.
                if is_request_headers(text) && !src.text.contains("redact") {
                    let shown: String = text.split_whitespace().collect();
                    return Some(format!(
                        "{shown}`, the request headers with `Authorization` and `Cookie"
                    ));
                }
                // `process.env.JWT_SECRET`, `self.api_token`.
                let last = text.rsplit(['.', '>', ':']).next().unwrap_or(text);
                last.trim_start_matches('$').to_string()
            }
            "subscript"
            | "subscript_expression"
            | "element_reference"
            | "element_access_expression"
            | "index_expression" => {
                // `headers["Authorization"]`, `os.environ["DB_PASSWORD"]`, `$_ENV['SECRET']`.
                // The key is this subscript's own, after the object: in
                // `params[:user][:password]` it is `password`, not `user`.
                let after = node
                    .named_child(0)
                    .map_or(node.start_byte() + 1, |o| o.end_byte());
                descendants(node)
                    .skip(1)
                    .filter(|n| n.start_byte() >= after)
                    .find_map(|n| string_literal(src, n))?
            }
            _ => {
                let shape = call_shape(src, node)?;
                let n = shape.name.as_str();
                // A secret store's answer: `client.get_secret_value(SecretId=...)`.
                if SECRET_STORE_CALLS.contains(&n) {
                    return Some(format!("{n}()"));
                }
                // A database connection string carries its password whatever its name.
                if n == "GetConnectionString" {
                    return Some(format!("{n}()"));
                }
                // Getters: `getPassword()`, `GetToken()`, `get_api_key()`.
                if shape.args.is_empty()
                    && let Some(rest) = n
                        .strip_prefix("get")
                        .or_else(|| n.strip_prefix("Get"))
                        .map(|r| r.trim_start_matches('_'))
                    && !rest.is_empty()
                    && is_secret_name(rest)
                    && (self.auth_context || !is_bare_token(rest))
                {
                    return Some(format!("{n}()"));
                }
                // Lookups by key: `headers.get("Authorization")`, `os.getenv("JWT_SECRET")`,
                // `ENV.fetch("API_TOKEN")`, `System.getenv("DB_PASSWORD")`,
                // `req.header("authorization")`.
                // Ruby reads attributes with calls: `user.api_token`.
                if src.language == Language::Ruby
                    && shape.args.is_empty()
                    && shape.receiver.is_some()
                    && node.child_by_field_name("block").is_none()
                {
                    n.to_string()
                } else if matches!(
                    n,
                    "get"
                        | "getenv"
                        | "Getenv"
                        | "fetch"
                        | "getHeader"
                        | "header"
                        | "Get"
                        | "GetEnvironmentVariable"
                        | "env"
                        | "var"
                        | "get_secret_value"
                        | "getProperty"
                        | "getString"
                        | "GetValue"
                        | "LookupEnv"
                ) || (n == "config" && src.language == Language::Php)
                {
                    shape.args.first().and_then(|a| string_literal(src, *a))?
                } else {
                    return None;
                }
            }
        };
        if is_secret_name(&name) && (self.auth_context || !is_bare_token(&name)) {
            return Some(name);
        }
        // A name bound to a secret read in the same function: `key = os.getenv("API_SECRET")`.
        if follow && matches!(node.kind(), "identifier" | "variable_name") {
            let scope = enclosing_named_function(src, node).map(|(f, _)| f);
            for b in &self.facts.bindings {
                if b.name == name
                    && b.node.start_byte() < node.start_byte()
                    && scope.is_none_or(|f| {
                        f.start_byte() <= b.node.start_byte() && b.node.end_byte() <= f.end_byte()
                    })
                    && !matches!(src.text_of(b.value).as_bytes().first(), Some(b'"' | b'\''))
                    && let Some(secret) = self.candidate_of_value(b.value)
                {
                    return Some(format!("{name}` from `{secret}"));
                }
                if b.name == name
                    && b.node.start_byte() < node.start_byte()
                    && scope.is_some_and(|f| {
                        f.start_byte() <= b.node.start_byte() && b.node.end_byte() <= f.end_byte()
                    })
                    && let Some(secret) = self.built_from_secret(b.value, b.node)
                {
                    return Some(format!("{name}` built from `{secret}"));
                }
            }
        }
        None
    }

    /// A secret read that a value is (an environment or secret-store lookup with a secret key).
    /// A bare `token` read (`tt = self.get_token()`) is too often a lexer's to follow.
    fn candidate_of_value(&self, value: Node<'_>) -> Option<String> {
        let value = crate::syntax::generic::unwrap(value);
        if matches!(value.kind(), "identifier" | "variable_name") {
            return None;
        }
        let name = self.candidate_in(value, false)?;
        let bare = name.trim_end_matches("()");
        let bare = bare.strip_prefix("get").unwrap_or(bare);
        (!is_bare_token(bare.trim_start_matches('_'))).then_some(name)
    }

    /// Whether `node` flows into the sink's arguments unchanged.
    fn reaches(&self, mut node: Node<'_>, sink: Node<'_>) -> bool {
        let src = self.src;
        while let Some(parent) = node.parent() {
            if parent.id() == sink.id() {
                return true;
            }
            let kind = parent.kind();
            if let Some(shape) = call_shape(src, parent) {
                let is_receiver = shape.receiver.is_some_and(|r| r.id() == node.id());
                let is_arg = shape.args.iter().any(|a| a.id() == node.id())
                    || matches!(node.kind(), "argument_list" | "arguments" | "argument");
                let pass = if is_receiver {
                    RECEIVER_PASS_THROUGH.contains(&shape.name.as_str())
                } else if is_arg {
                    PASS_THROUGH.contains(&shape.name.as_str())
                } else {
                    false
                };
                if !pass {
                    return false;
                }
                node = parent;
                continue;
            }
            if is_member(kind) {
                // `token.strip()` in grammars where the method call wraps a member node.
                let Some(call) = parent.parent() else {
                    return false;
                };
                match call_shape(src, call) {
                    Some(shape)
                        if shape.receiver.is_some_and(|r| r.id() == node.id())
                            && RECEIVER_PASS_THROUGH.contains(&shape.name.as_str()) =>
                    {
                        node = call;
                        continue;
                    }
                    _ => return false,
                }
            }
            let passes = match kind {
                "binary_expression" | "binary_operator" | "binary" => {
                    let op = parent
                        .child_by_field_name("operator")
                        .map(|o| src.text_of(o))
                        .unwrap_or_else(|| {
                            let l = parent.child_by_field_name("left");
                            let r = parent.child_by_field_name("right");
                            match (l, r) {
                                (Some(l), Some(r)) => src.text[l.end_byte()..r.start_byte()].trim(),
                                _ => "",
                            }
                        });
                    matches!(op, "+" | "%" | "." | "..")
                }
                "parenthesized_expression"
                | "interpolation"
                | "template_substitution"
                | "string"
                | "template_string"
                | "concatenated_string"
                | "encapsed_string"
                | "interpolated_string_expression"
                | "string_content"
                | "argument"
                | "argument_list"
                | "arguments"
                | "keyword_argument"
                | "pair"
                | "dictionary"
                | "object"
                | "hash"
                | "array"
                | "list"
                | "tuple"
                | "expression_list"
                | "literal_value"
                | "keyed_element"
                | "literal_element"
                | "spread_element"
                | "await_expression"
                | "array_element_initializer"
                | "array_creation_expression"
                | "initializer_expression"
                | "string_interpolation"
                | "interpolated_string_text"
                | "interpolated_verbatim_string_text"
                | "formatted_string"
                | "heredoc_body"
                | "dictionary_splat"
                | "element_list"
                | "variadic_argument"
                | "as_expression"
                | "non_null_expression" => true,
                _ => false,
            };
            if !passes {
                return false;
            }
            node = parent;
        }
        false
    }

    /// A Rust print/log macro whose arguments or inline format names a secret.
    fn rust_macro_secret(&self, mac: Node<'_>) -> Option<String> {
        let src = self.src;
        let tree = descendants(mac).find(|n| n.kind() == "token_tree")?;
        let text = src.text_of(tree);
        let inner = text.get(1..text.len().saturating_sub(1))?;
        let mut depth = 0i32;
        let mut parts = Vec::new();
        let mut cur = String::new();
        let mut in_str = false;
        let mut prev = '\0';
        for c in inner.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        parts.push(std::mem::take(&mut cur));
                        prev = c;
                        continue;
                    }
                    _ => {}
                }
            }
            cur.push(c);
            prev = c;
        }
        parts.push(cur);
        for part in &parts {
            let p = part.trim();
            if p.starts_with('"') {
                // Inline captures: `"{password}"`, `"{token:?}"`.
                let mut rest = p;
                while let Some(open) = rest.find('{') {
                    rest = &rest[open + 1..];
                    if rest.starts_with('{') {
                        rest = &rest[1..];
                        continue;
                    }
                    let end = rest.find(['}', ':']).unwrap_or(rest.len());
                    let name = &rest[..end];
                    if !name.is_empty()
                        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                        && self.secret(name)
                    {
                        return Some(name.to_string());
                    }
                }
                continue;
            }
            // `name = value` named argument, `&x`, `x.y`, `x.expose_secret()`.
            let value = p
                .split_once('=')
                .map_or(p, |(_, v)| v)
                .trim()
                .trim_start_matches(['&', '%', '?']);
            let value = value
                .strip_suffix(".expose_secret()")
                .or_else(|| value.strip_suffix(".as_str()"))
                .or_else(|| value.strip_suffix(".to_string()"))
                .unwrap_or(value);
            if value
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                let last = value.rsplit('.').next().unwrap_or(value);
                if self.secret(last) {
                    return Some(value.to_string());
                }
            }
        }
        None
    }

    fn secret(&self, name: &str) -> bool {
        is_secret_name(name) && (self.auth_context || !is_bare_token(name))
    }

    /// A string built by hand with `?token=`/`&password=` and a secret value after it.
    fn secret_query(&self, node: Node<'_>) -> Option<String> {
        let src = self.src;
        if let Some(found) = self.secret_query_formatted(node) {
            return Some(found);
        }
        let building = match node.kind() {
            "binary_expression" | "binary_operator" | "binary" => {
                // The outermost concatenation only.
                node.parent().is_none_or(|p| p.kind() != node.kind())
            }
            "string" | "template_string" | "interpolated_string_expression" | "encapsed_string" => {
                descendants(node).any(|d| {
                    matches!(
                        d.kind(),
                        "interpolation" | "template_substitution" | "variable_name"
                    )
                })
            }
            _ => false,
        };
        if !building {
            return None;
        }
        let text = src.text_of(node);
        let param = query_param(text)?;
        // Password-reset, e-mail verification, invitation and magic links carry a one-time token
        // in the URL by design.
        let lower = text.to_ascii_lowercase();
        if ONE_TIME_LINKS.iter().any(|w| lower.contains(w)) {
            return None;
        }
        // The value after it must be a secret itself (not the parameter's name in a literal).
        for d in descendants(node) {
            if d.start_byte() <= node.start_byte() + text.find(&param)? {
                continue;
            }
            if let Some(name) = self.candidate(d)
                && self.reaches_within(d, node)
            {
                return Some(name);
            }
        }
        None
    }

    /// A URL built with a format call whose template puts a placeholder right after a secret
    /// query parameter (`fmt.Sprintf("%s/x?access_token=%s", base, c.accessToken)`,
    /// `String.format("...&password=%s", pw)`, `"...?token={}".format(token)`), with a secret
    /// among the formatted values.
    fn secret_query_formatted(&self, node: Node<'_>) -> Option<String> {
        let src = self.src;
        let shape = call_shape(src, node)?;
        if !matches!(
            shape.name.as_str(),
            "Sprintf" | "sprintf" | "format" | "Format" | "formatted"
        ) {
            return None;
        }
        // The template: the first string argument, or the receiver of Python's `str.format`.
        let (template, values): (Node<'_>, Vec<Node<'_>>) = match shape
            .args
            .iter()
            .position(|a| string_literal(src, *a).is_some())
        {
            Some(i) => (shape.args[i], shape.args[i + 1..].to_vec()),
            None => (
                shape
                    .receiver
                    .filter(|r| string_literal(src, *r).is_some())?,
                shape.args.clone(),
            ),
        };
        let text = string_literal(src, template)?;
        let param = query_param(&text)?;
        let lower = text.to_ascii_lowercase();
        if ONE_TIME_LINKS.iter().any(|w| lower.contains(w)) {
            return None;
        }
        let at = lower.find(&param)? + param.len();
        if !lower[at..].starts_with(['%', '{']) {
            return None;
        }
        values.into_iter().find_map(|v| {
            descendants(v).find_map(|d| {
                let name = self.candidate(d)?;
                self.reaches(d, node).then_some(name)
            })
        })
    }

    /// Whether `d` flows into `top` through concatenation and interpolation only.
    fn reaches_within(&self, mut d: Node<'_>, top: Node<'_>) -> bool {
        while let Some(p) = d.parent() {
            if d.id() == top.id() {
                return true;
            }
            if !matches!(
                p.kind(),
                "binary_expression"
                    | "binary_operator"
                    | "binary"
                    | "parenthesized_expression"
                    | "interpolation"
                    | "template_substitution"
                    | "string"
                    | "template_string"
                    | "concatenated_string"
                    | "encapsed_string"
                    | "interpolated_string_expression"
                    | "string_content"
            ) {
                return false;
            }
            d = p;
        }
        d.id() == top.id()
    }
}

/// Words of one-time links, whose token belongs in the URL.
const ONE_TIME_LINKS: &[&str] = &[
    "reset",
    "verif",
    "confirm",
    "activat",
    "invit",
    "magic",
    "unsubscribe",
    "onetime",
    "one_time",
    "recover",
];

/// The secret query parameter a URL text sets (`?token=`, `&password=`), if any.
fn query_param(text: &str) -> Option<String> {
    const PARAMS: &[&str] = &[
        "token",
        "access_token",
        "accesstoken",
        "id_token",
        "refresh_token",
        "auth_token",
        "api_key",
        "apikey",
        "password",
        "passwd",
        "pwd",
        "secret",
        "client_secret",
        "jwt",
        "session",
        "sessionid",
        "session_id",
        "auth",
    ];
    let lower = text.to_ascii_lowercase();
    for sep in ['?', '&'] {
        let mut rest = lower.as_str();
        while let Some(at) = rest.find(sep) {
            rest = &rest[at + 1..];
            if let Some(eq) = rest.find('=') {
                let name = &rest[..eq];
                if PARAMS.contains(&name) {
                    return Some(format!("{sep}{name}="));
                }
            }
        }
    }
    None
}

fn is_member(kind: &str) -> bool {
    matches!(
        kind,
        "attribute"
            | "member_expression"
            | "selector_expression"
            | "field_access"
            | "member_access_expression"
            | "field_expression"
            | "scoped_identifier"
            | "scoped_property_access_expression"
    )
}

/// `token` or `pass` alone (no `access`, `api`, `auth` ... beside it): a credential only in code
/// about authentication.
fn is_bare_token(name: &str) -> bool {
    let w = words(name.trim_start_matches(['$', '@', '_']));
    w.len() == 1 && matches!(w[0].as_str(), "token" | "tok" | "pass")
}

/// The request's whole header map (`req.headers`, `request.headers`, `ctx.request.headers`,
/// `request.META`, Go's `r.Header`), which carries `Authorization` and `Cookie`.
fn is_request_headers(text: &str) -> bool {
    let compact: String = text.split_whitespace().collect();
    let Some((owner, field)) = compact.rsplit_once('.') else {
        return false;
    };
    let owner_last = owner.rsplit('.').next().unwrap_or(owner);
    matches!(field, "headers" | "Header" | "META" | "allHeaders")
        && matches!(
            owner_last,
            "req" | "request" | "r" | "ctx" | "event" | "Request" | "rawRequest"
        )
}

/// Whether a secret read comes from the server's own configuration (the environment, a secret
/// store, settings), which no client should ever receive.
fn is_server_secret(text: &str) -> bool {
    let lower: String = text
        .split_whitespace()
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "process.env",
        "os.environ",
        "os.getenv",
        "getenv(",
        "system.getenv",
        "environment.getenvironmentvariable",
        "env[",
        "env.fetch",
        "$_env",
        "$_server",
        "settings.",
        "config.",
        "config[",
        "config(",
        "secret_value",
        "secretvalue",
        "getsecret",
        "get_secret",
        "secretversion",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "db_password",
            "apiKey",
            "API_KEY",
            "client_secret",
            "accessToken",
            "refresh_token",
            "authHeader",
            "privateKey",
            "JWT_SECRET",
            "credentials",
            "$password",
            "@token",
            "getPassword",
            "sessionId",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "token_count",
            "has_token",
            "password_reset_requested",
            "tokenType",
            "isValidToken",
            "password_hash",
            "cancellationToken",
            "nextPageToken",
            "token_url",
            "api_key_name",
            "secret_arn",
            "passwordLength",
            "user",
            "monkey",
            "keyboard",
            "tokenizer",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn query_params() {
        assert_eq!(
            query_param("\"https://x/cb?token=\" + t").as_deref(),
            Some("?token=")
        );
        assert_eq!(
            query_param("f\"{base}?user={u}&password={p}\"").as_deref(),
            Some("&password=")
        );
        assert_eq!(query_param("\"https://x/?page=2\""), None);
    }
}

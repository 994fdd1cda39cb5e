//! What the token-randomness rules share: where a value comes from (a weak or secure generator
//! from the catalogue, an instance of one, the clock) and whether it reaches something that acts
//! as a credential (a binding or function named like one, or a sink: a cookie, a session store,
//! an e-mail or SMS, a database column named like a token).
//!
//! Everything here starts from the calls `Facts` already collected and walks up from them, or
//! over the body of one function; nothing walks the whole tree again.

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::catalogue::{Surface, apis, callee_matches, file_uses};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::{FUNCTION_KINDS, descendants, words};

/// Where a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A generator that is not cryptographically secure.
    Weak,
    /// The clock: a timestamp is no secret.
    Predictable,
    /// A cryptographically secure generator.
    Secure,
}

/// Generators held in variables and fields: `rnd = new Random()`, `rng := rand.New(..)`.
#[derive(Debug, Default)]
pub(crate) struct Instances<'t> {
    /// Weak generators: the name and the binding that builds it.
    pub(crate) weak: Vec<(String, Node<'t>)>,
    secure: Vec<String>,
}

/// Calls that build a generator object rather than draw a value from one.
const CONSTRUCTORS: &[&str] = &[
    "Random",
    "New",
    "new",
    "seed_from_u64",
    "from_entropy",
    "from_seed",
    "from_rng",
    "from_os_rng",
    "SecureRandom",
    "SystemRandom",
    "getInstanceStrong",
    "getInstance",
    "Create",
    "RNGCryptoServiceProvider",
];

fn catalogued(facts: &Facts<'_>, language: Language, call: &Call<'_>, surface: Surface) -> bool {
    apis(language)
        .iter()
        .filter(|a| a.surface == surface)
        .any(|api| {
            api.calls
                .iter()
                .any(|c| callee_matches(api, facts, &call.qualified, &call.written, c))
                || (file_uses(api, facts)
                    && !api.modules.is_empty()
                    && api.methods.iter().any(|m| m == call.name()))
                || (api.modules.is_empty() && api.methods.iter().any(|m| m == call.name()))
        })
}

/// The receiver of a method call as a bare name (`this.rnd.nextInt` → `rnd`, `@rng.rand` →
/// `rng`, `$this->rng` → `rng`).
fn receiver_name(written: &str) -> Option<&str> {
    let (recv, _) = written.rsplit_once('.')?;
    let last = recv.rsplit(['.', ':', '>']).next().unwrap_or(recv);
    let last = last.trim_start_matches(['@', '$', '&', '*']);
    (!last.is_empty()).then_some(last)
}

/// The bare name a binding target ends in (`self._rng` → `_rng`, `mut rng` → `rng`).
pub(crate) fn target_name(text: &str) -> &str {
    let last = text
        .rsplit(['.', ':', '>', ' ', '$', '@', '&'])
        .find(|s| !s.is_empty())
        .unwrap_or(text);
    last.trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']')
}

impl<'t> Instances<'t> {
    /// The generator objects the file binds to names.
    pub(crate) fn of(src: &Source<'_>, facts: &Facts<'t>) -> Instances<'t> {
        let mut out = Instances::default();
        for call in &facts.calls {
            if !CONSTRUCTORS.contains(&call.name()) {
                continue;
            }
            let origin = if catalogued(facts, src.language, call, Surface::RandomSecure) {
                Origin::Secure
            } else if catalogued(facts, src.language, call, Surface::RandomWeak) {
                Origin::Weak
            } else {
                continue;
            };
            // The nearest binding above the construction (through a conditional or a wrapper).
            let mut cur = call.node.parent();
            for _ in 0..4 {
                let Some(n) = cur else { break };
                if let Some(target) = binding_target(n) {
                    let name = target_name(src.text_of(target)).to_string();
                    match origin {
                        Origin::Secure => out.secure.push(name),
                        _ => out.weak.push((name, n)),
                    }
                    break;
                }
                if is_statement(n) {
                    break;
                }
                cur = n.parent();
            }
        }
        // C# `private static readonly Random Rng = new();`: the type is on the declaration.
        if src.language == Language::CSharp {
            for b in &facts.bindings {
                if b.value.kind() != "implicit_object_creation_expression" {
                    continue;
                }
                let ty = b
                    .node
                    .parent()
                    .and_then(|d| d.child_by_field_name("type"))
                    .map(|t| src.text_of(t));
                match ty {
                    Some("Random" | "System.Random") => out.weak.push((b.name.clone(), b.node)),
                    Some("RandomNumberGenerator") => out.secure.push(b.name.clone()),
                    _ => {}
                }
            }
        }
        out
    }

    /// The weak generator a call draws from, when it is an instance: its binding.
    pub(crate) fn weak_binding(&self, call: &Call<'_>) -> Option<Node<'t>> {
        let recv = receiver_name(&call.written)?;
        self.weak.iter().find(|(n, _)| n == recv).map(|(_, b)| *b)
    }
}

/// Where the value of `call` comes from, when it is a source at all.
pub(crate) fn origin(
    facts: &Facts<'_>,
    language: Language,
    instances: &Instances,
    call: &Call<'_>,
    helpers: &[String],
) -> Option<Origin> {
    if !helpers.is_empty()
        && !call.written.contains('.')
        && helpers.iter().any(|h| h == call.name())
    {
        return Some(Origin::Weak);
    }
    if CONSTRUCTORS.contains(&call.name()) {
        // Building a generator is not drawing a value from it, unless it is drawn from at once:
        // `new Random().Next(..)`, `random.Random().choice(..)`, `Random.new.rand`.
        let drawn = call.node.parent().is_some_and(|p| {
            matches!(
                p.kind(),
                "member_access_expression"
                    | "field_access"
                    | "attribute"
                    | "selector_expression"
                    | "member_expression"
                    | "call"
                    | "method_invocation"
            ) && p
                .child_by_field_name("arguments")
                .is_none_or(|a| !contains(a, call.node))
        });
        if drawn && catalogued(facts, language, call, Surface::RandomWeak) {
            return Some(Origin::Weak);
        }
        if !matches!(call.name(), "new" | "New") {
            return None;
        }
    }
    if catalogued(facts, language, call, Surface::RandomSecure) {
        return Some(Origin::Secure);
    }
    if let Some(recv) = receiver_name(&call.written) {
        if instances.secure.iter().any(|n| n == recv) {
            return Some(Origin::Secure);
        }
        if instances.weak.iter().any(|(n, _)| n == recv) {
            return Some(Origin::Weak);
        }
    }
    if catalogued(facts, language, call, Surface::RandomWeak) {
        // `rand.New(..)`, `Random.new` build a generator; drawing from it is what counts.
        if matches!(call.name(), "new" | "New") {
            return None;
        }
        return Some(Origin::Weak);
    }
    if catalogued(facts, language, call, Surface::Predictable) {
        return Some(Origin::Predictable);
    }
    None
}

/// Whether a name is about a credential rather than the credential: its length, expiry, type,
/// name or timing (`token_count`, `session_started`, `otp_sent_at`).
pub(crate) fn is_about(name: &str) -> bool {
    const ABOUT: &[&str] = &[
        "alias",
        "label",
        "count",
        "len",
        "length",
        "index",
        "exp",
        "expiry",
        "expires",
        "expire",
        "expiration",
        "ttl",
        "age",
        "created",
        "issued",
        "iat",
        "nbf",
        "at",
        "time",
        "timestamp",
        "ts",
        "sent",
        "updated",
        "lifetime",
        "type",
        "name",
        "header",
        "url",
        "path",
        "prefix",
        "bucket",
        "limit",
        "size",
        "format",
        "started",
        "start",
        "last",
        "seen",
        "visit",
        "visits",
        "activity",
        "max",
        "min",
        "num",
        "total",
        "remaining",
        "left",
        "available",
        "used",
        "usage",
    ];
    words(name).iter().any(|v| ABOUT.contains(&v.as_str()))
}

/// Whether an identifier names a credential.
pub(crate) fn names_credential(name: &str) -> bool {
    let w = words(name);
    // `RecoveryCodes`, `ResetTokens`, `api_keys`: a plural names the same thing. A bare
    // `tokens` or `prompt_tokens` counts LLM or rate-limiter tokens instead.
    let counts_tokens = w.len() == 1
        || w.iter().any(|v| {
            matches!(
                v.as_str(),
                "prompt" | "completion" | "input" | "output" | "llm" | "model"
            )
        });
    let has = |x: &str| {
        w.iter().any(|v| {
            v == x
                || (!(x == "token" && counts_tokens)
                    && v.len() == x.len() + 1
                    && v.starts_with(x)
                    && v.ends_with('s'))
        })
    };
    if is_about(name) {
        return false;
    }
    const STRONG: &[&str] = &[
        "token",
        "otp",
        "nonce",
        "secret",
        "csrf",
        "xsrf",
        "salt",
        "jti",
        "password",
        "passwd",
        "apikey",
        "sessionid",
        "sid",
        "passcode",
        "totp",
        "hotp",
    ];
    if STRONG.iter().any(|s| has(s)) {
        return true;
    }
    let key_words = [
        "api", "secret", "signing", "access", "private", "session", "auth", "hmac",
    ];
    let code_words = [
        "reset",
        "verification",
        "verify",
        "confirm",
        "confirmation",
        "invite",
        "invitation",
        "auth",
        "login",
        "mfa",
        "twofa",
        "sms",
        "email",
        "activation",
        "recovery",
        "one",
        "remember",
        "unsubscribe",
        "magic",
    ];
    (has("key") && key_words.iter().any(|k| has(k)))
        || ((has("code") || has("digest") || has("link") || has("hash"))
            && code_words.iter().any(|k| has(k)))
        || (has("session") && has("id"))
        || (has("state") && (has("oauth") || has("oidc")))
        || (has("pin") && (has("reset") || has("verification") || has("login")))
}

/// Whether a name says what a non-secret value is for (jitter, sampling, layout, timing).
pub(crate) fn names_other_purpose(name: &str) -> bool {
    const PURPOSES: &[&str] = &[
        "jitter",
        "delay",
        "backoff",
        "sleep",
        "wait",
        "timeout",
        "retry",
        "sample",
        "sampled",
        "shuffle",
        "index",
        "idx",
        "offset",
        "weight",
        "color",
        "colour",
        "pick",
        "banner",
        "discount",
        "port",
        "x",
        "y",
        "i",
        "n",
        "count",
        "size",
        "percent",
        "ratio",
        "chance",
        "probability",
        "latency",
        "seed",
        "now",
        "ts",
        "time",
        "timestamp",
        "started",
        "start",
        "elapsed",
        "created",
        "updated",
        "expires",
        "expiry",
        "exp",
        "iat",
        "deadline",
        "date",
        "ms",
        "millis",
        "at",
        "sent",
        "duration",
    ];
    words(name)
        .iter()
        .any(|w| PURPOSES.contains(&w.as_str()) || UNIQUE_ONLY.contains(&w.as_str()))
}

/// Text that must merely not collide: a MIME boundary, a temporary file's name.
const UNIQUE_ONLY: &[&str] = &[
    "boundary",
    "separator",
    "delimiter",
    "placeholder",
    "tempfile",
    "tmpfile",
];

/// Whether a function's name says it makes a non-secret random value: a MIME boundary, a
/// temporary name, a jitter or a sample. (Narrower than [`names_other_purpose`]: `StartAsync`
/// may well mint a code.)
fn makes_something_else(function: &str) -> bool {
    const OTHER: &[&str] = &["jitter", "backoff", "shuffle", "sample"];
    words(function)
        .iter()
        .any(|w| UNIQUE_ONLY.contains(&w.as_str()) || OTHER.contains(&w.as_str()))
}

/// The enclosing function node and the name that says what it mints.
pub(crate) fn function_context<'t>(src: &Source<'_>, node: Node<'t>) -> Option<(Node<'t>, String)> {
    let mut cur = node.parent();
    let mut function = None;
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind()) {
            function = Some(n);
            break;
        }
        cur = n.parent();
    }
    let function = function?;
    let name = function
        .child_by_field_name("name")
        .map(|x| src.text_of(x).to_string())?;
    if names_credential(&name) || names_other_purpose(&name) {
        return Some((function, name));
    }
    let mut cur = function.parent();
    while let Some(n) = cur {
        if matches!(
            n.kind(),
            "class_declaration"
                | "class_definition"
                | "class"
                | "struct_item"
                | "impl_item"
                | "module"
                | "record_declaration"
        ) {
            let owner = n
                .child_by_field_name("name")
                .or_else(|| n.child_by_field_name("type"))
                .map(|x| src.text_of(x).to_string());
            if let Some(owner) = owner {
                return Some((function, format!("{owner}.{name}")));
            }
        }
        cur = n.parent();
    }
    // A Go function is named within its package.
    if src.language == Language::Go {
        let root = src.tree.root_node();
        let mut c = root.walk();
        let package = root
            .named_children(&mut c)
            .find(|n| n.kind() == "package_clause")
            .and_then(|p| p.named_child(0))
            .map(|p| src.text_of(p).to_string());
        if let Some(package) = package {
            return Some((function, format!("{package}.{name}")));
        }
    }
    Some((function, name))
}

/// The target of a binding node (assignment, declaration, keyword argument, dict/object entry).
pub(crate) fn binding_target(node: Node<'_>) -> Option<Node<'_>> {
    let field = |a: &str| node.child_by_field_name(a);
    match node.kind() {
        "assignment"
        | "assignment_expression"
        | "augmented_assignment"
        | "augmented_assignment_expression"
        | "operator_assignment" => field("left"),
        "variable_declarator" => field("name"),
        "keyword_argument" => field("name"),
        "pair" => field("key"),
        "short_var_declaration" | "assignment_statement" => field("left"),
        "let_declaration" => field("pattern"),
        "keyed_element" | "array_element_initializer" if node.named_child_count() == 2 => {
            node.named_child(0)
        }
        "field_initializer" => field("field"),
        "const_spec" | "var_spec" => field("name"),
        _ => None,
    }
}

fn is_statement(n: Node<'_>) -> bool {
    let k = n.kind();
    (k.ends_with("statement") && !k.starts_with("expression"))
        || matches!(
            k,
            "block" | "compound_statement" | "body_statement" | "program"
        )
}

/// Calls a value passes through unchanged in substance: conversions, encodings, formatting,
/// string building (not hashing: a hashed timestamp is the hashing rule's business).
fn is_conversion(name: &str) -> bool {
    const CONVERSIONS: &[&str] = &[
        "str",
        "int",
        "String",
        "toString",
        "ToString",
        "to_s",
        "to_i",
        "hex",
        "Hex",
        "format",
        "Format",
        "Sprintf",
        "Sprint",
        "FormatInt",
        "FormatUint",
        "Itoa",
        "toHexString",
        "from",
        "base64",
        "b64encode",
        "urlsafe_b64encode",
        "EncodeToString",
        "encode",
        "join",
        "concat",
        "padStart",
        "zfill",
        "rjust",
        "dechex",
        "base_convert",
        "bin2hex",
        "strval",
        "valueOf",
        "toFixed",
        "round",
        "floor",
        "trunc",
        "abs",
        "ToInt64",
        "strict_encode64",
        "urlsafe_encode64",
        "unpack1",
        "as_nanos",
        "as_millis",
        "as_secs",
        "duration_since",
        "unwrap",
        "timestamp",
        "UnixNano",
        "Unix",
        "UnixMilli",
        "getTime",
        "toEpochMilli",
        "getEpochSecond",
        "now",
        "Now",
        "time_ns",
        "replace",
        "slice",
        "substring",
        "substr",
    ];
    CONVERSIONS.contains(&name)
}

/// Whether a callee hashes its input: `hashlib.sha256`, `md5`, `Digest::SHA1.hexdigest`,
/// `crypto.createHash(..).update`, `DigestUtils.sha256Hex`, PHP `hash('sha256', ..)`.
pub(crate) fn is_hash_callee(written: &str) -> bool {
    let lower = written.to_ascii_lowercase();
    let name = lower.rsplit('.').next().unwrap_or(&lower);
    if name == "update" {
        return lower.contains("createhash") || lower.contains("digest") || lower.contains("sha");
    }
    [
        "md5",
        "sha1",
        "sha256",
        "sha384",
        "sha512",
        "sha224",
        "hashlib",
        "createhash",
        "digest",
    ]
    .iter()
    .any(|h| lower.contains(h))
        || name == "hash"
}

/// Hash functions: a value hashed is the hashing rule's business.
pub(crate) fn is_hash_call(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "md5"
            | "sha1"
            | "sha256"
            | "sha512"
            | "sha224"
            | "sha384"
            | "hash"
            | "hexdigest"
            | "md5hex"
            | "sha1hex"
            | "sha256hex"
            | "sum256"
            | "sum"
            | "createhash"
            | "computehash"
            | "hashdata"
            | "digest"
            | "update"
            | "md5_file"
            | "crc32"
    )
}

/// Where a value goes that is a credential.
#[derive(Debug, Clone)]
pub(crate) struct Sink<'t> {
    /// How to name it in a message: "`reset_code`", "the `sid` cookie".
    pub(crate) what: String,
    /// A stable key for pairing with the old version: the function and the target.
    pub(crate) key: String,
    /// The node to point at.
    pub(crate) anchor: Node<'t>,
    /// Only the name of the function that returns it says it is a credential (a generator
    /// helper), as opposed to a store, a send or a named binding.
    pub(crate) by_return: bool,
    /// The value is delivered or stored: a cookie, a session store, an e-mail or SMS, a
    /// database column, a credential's constructor.
    pub(crate) delivered: bool,
}

/// The flow of one value, from its source upwards.
pub(crate) struct Flow<'s, 'src> {
    pub(crate) src: &'s Source<'src>,
    /// Follow a value through conversions only (timestamps), or through any call (generators).
    pub(crate) strict: bool,
    /// Stop at a hash call (the hashing rule reports hashed values).
    pub(crate) stop_at_hash: bool,
}

/// The functions of a file that return a value drawn from a weak generator, whatever their
/// name (`RandomString(n)`, `randomToken()`): calling one draws from it.
pub(crate) fn weak_helpers(
    src: &Source<'_>,
    facts: &Facts<'_>,
    instances: &Instances<'_>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for call in &facts.calls {
        if origin(facts, src.language, instances, call, &[]) != Some(Origin::Weak) {
            continue;
        }
        // A helper named like a credential is reported where it draws, not again at each call.
        if let Some(name) = returned_by(src, call.node)
            && !names_other_purpose(&name)
            && !names_credential(&name)
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    out
}

/// The function whose return value `node` becomes, through expressions and one local.
fn returned_by(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let flow = Flow {
        src,
        strict: false,
        stop_at_hash: false,
    };
    let mut child = node;
    let mut cur = node.parent();
    let mut local: Option<(Node<'_>, String)> = None;
    for _ in 0..12 {
        let n = cur?;
        if let Some(name) = return_of(src, n, child) {
            return Some(name);
        }
        match flow.step(n, child, node, node) {
            Step::Up => {}
            Step::Local(at, name, _) => {
                local = Some((at, name));
                break;
            }
            _ => return None,
        }
        child = n;
        cur = n.parent();
    }
    // `b[i] = letters[rand.Intn(..)]` then `return string(b)`.
    let (at, name) = local?;
    let (function, _) = function_context(src, at)?;
    for use_ in descendants(function) {
        if use_.start_byte() < at.end_byte()
            || !matches!(use_.kind(), "identifier" | "variable_name" | "name")
            || target_name(src.text_of(use_)) != name
        {
            continue;
        }
        let mut child = use_;
        let mut cur = use_.parent();
        for _ in 0..6 {
            let Some(n) = cur else { break };
            if let Some(f) = return_of(src, n, child) {
                return Some(f);
            }
            if is_statement(n) || is_container(n.kind()) || binding_target(n).is_some() {
                break;
            }
            child = n;
            cur = n.parent();
        }
    }
    None
}

/// When `n` returns `child`'s value: the name of the function it returns from.
fn return_of(src: &Source<'_>, n: Node<'_>, child: Node<'_>) -> Option<String> {
    let returns = matches!(
        n.kind(),
        "return_statement" | "return" | "arrow_expression_clause"
    ) || is_implicit_return(child);
    if returns {
        return function_context(src, n)
            .map(|(_, name)| name.rsplit('.').next().unwrap_or(&name).to_string());
    }
    // `const randomToken = () => Math.random().toString(36)`.
    if matches!(n.kind(), "arrow_function" | "lambda")
        && n.child_by_field_name("body").map(|b| b.id()) == Some(child.id())
    {
        return crate::syntax::generic::function_name(src, n);
    }
    None
}

/// What one step up from a value found.
enum Step<'t> {
    /// Keep walking up.
    Up,
    /// The flow ends here without a credential.
    Stop,
    /// A credential.
    Found(Sink<'t>),
    /// The value was bound to (or appended into) a plain local: follow its uses. The flag
    /// says the local's name tells another purpose (`n`, `idx`): only a delivery counts then.
    Local(Node<'t>, String, bool),
}

/// Calls that take a callback whose results become the call's value (`.map(..)`,
/// `Array.from({length}, ..)`, `Array.new(n) { .. }`, `iter::repeat_with(..)`).
fn collects_callback(name: &str) -> bool {
    matches!(
        name,
        "map"
            | "flatMap"
            | "flat_map"
            | "from"
            | "repeat_with"
            | "from_fn"
            | "times"
            | "generate"
            | "new"
            | "fill"
            | "sample_iter"
            | "Select"
            | "collect"
            | "join"
            | "Array"
    )
}

impl<'s, 'src> Flow<'s, 'src> {
    /// Whether the value of `node` (a call) reaches a credential; where and what.
    pub(crate) fn sink<'t>(&self, node: Node<'t>) -> Option<Sink<'t>> {
        let src = self.src;
        // Out-parameter fills: `rng.Read(buf)`, `rnd.nextBytes(b)`, `rng.fill_bytes(&mut key)`.
        if let Some(parent) = node.parent()
            && (matches!(parent.kind(), "expression_statement") || binds_only_status(src, node))
            && let Some(var) = filled_buffer(src, node)
        {
            let name = target_name(src.text_of(var)).to_string();
            let at = statement_of(node);
            if names_credential(&name) {
                return Some(self.sink_at(at, format!("`{name}`"), &name));
            }
            return self.follow(node, at, &name, 0, false);
        }
        let mut child = node;
        let mut cur = node.parent();
        while let Some(n) = cur {
            match self.step(n, child, node, node) {
                Step::Up => {}
                Step::Stop => return None,
                Step::Found(mut s) => {
                    // A binding over several lines: point at the line that draws the value.
                    let (a, b) = (s.anchor.start_position().row, s.anchor.end_position().row);
                    if a != b && !self.strict {
                        s.anchor = node;
                    }
                    return Some(s);
                }
                Step::Local(at, name, sinks_only) => {
                    return self.follow(at, at, &name, 0, sinks_only);
                }
            }
            child = n;
            cur = n.parent();
        }
        None
    }

    /// One step up from `child` to its parent `n`; `inner` is the value being followed (the
    /// source call or a use of a local), `anchor` where a finding would point.
    fn step<'t>(
        &self,
        n: Node<'t>,
        child: Node<'t>,
        inner: Node<'t>,
        anchor: Node<'t>,
    ) -> Step<'t> {
        let src = self.src;
        let kind = n.kind();
        // The last expression of a Rust function or Ruby method, an expression-bodied arrow
        // function: its value is returned.
        if let Some(function) = return_of(src, n, child)
            .filter(|_| is_implicit_return(child) || matches!(kind, "arrow_function" | "lambda"))
        {
            return if names_credential(&function) {
                let mut s =
                    self.sink_at(anchor, format!("the value `{function}` returns"), "return");
                s.by_return = true;
                Step::Found(s)
            } else {
                Step::Stop
            };
        }
        if FUNCTION_KINDS.contains(&kind) {
            return Step::Stop;
        }
        // A callback whose results a call collects: `.map(|_| CHARSET[fastrand::usize(..)])`.
        if matches!(
            kind,
            "lambda"
                | "arrow_function"
                | "closure_expression"
                | "func_literal"
                | "block"
                | "do_block"
                | "lambda_expression"
                | "anonymous_function"
        ) {
            let parent_call = n
                .parent()
                .and_then(|p| {
                    if matches!(p.kind(), "arguments" | "argument_list" | "argument") {
                        p.parent().and_then(|q| {
                            if q.kind() == "argument_list" {
                                q.parent()
                            } else {
                                Some(q)
                            }
                        })
                    } else {
                        Some(p)
                    }
                })
                .and_then(|p| method_name(src, p));
            if kind == "block" && src.language != Language::Ruby {
                return Step::Stop;
            }
            return match parent_call {
                Some(c) if collects_callback(&c) => Step::Up,
                _ => Step::Stop,
            };
        }
        if let Some(c) = self.call_of(n) {
            if self.stop_at_hash && is_hash_call(&c) {
                return Step::Stop;
            }
            if let Some(s) = self.sink_call(n, inner, anchor) {
                return Step::Found(s);
            }
            // A value appended to a builder flows into the builder.
            if let Some(builder) = appended_to(src, n, inner) {
                return Step::Local(n, builder, false);
            }
            if self.strict && !is_conversion(&c) {
                return Step::Stop;
            }
        }
        if self.strict && is_arithmetic_on_duration(src, n, child) {
            return Step::Stop;
        }
        if let Some(target) = binding_target(n)
            && target.id() != child.id()
            && !contains(target, inner)
        {
            return self.at_binding(n, target, anchor);
        }
        if matches!(
            kind,
            "return_statement" | "return" | "arrow_expression_clause"
        ) || is_implicit_return(n)
        {
            return match function_context(src, n) {
                Some((_, function)) if names_credential(&function) => {
                    let mut s =
                        self.sink_at(anchor, format!("the value `{function}` returns"), "return");
                    s.by_return = true;
                    Step::Found(s)
                }
                _ => Step::Stop,
            };
        }
        if is_statement(n) || is_container(kind) {
            return Step::Stop;
        }
        Step::Up
    }

    fn call_of(&self, n: Node<'_>) -> Option<String> {
        let (written, _) = crate::syntax::facts::call_parts(self.src.language, self.src, n)?;
        let written = written?;
        Some(written.rsplit('.').next().unwrap_or(&written).to_string())
    }

    fn delivered<'t>(&self, anchor: Node<'t>, what: String, target: &str) -> Sink<'t> {
        Sink {
            delivered: true,
            ..self.sink_at(anchor, what, target)
        }
    }

    fn sink_at<'t>(&self, anchor: Node<'t>, what: String, target: &str) -> Sink<'t> {
        let function = function_context(self.src, anchor)
            .map(|(_, f)| f)
            .unwrap_or_default();
        Sink {
            what,
            key: format!("{function}/{target}"),
            anchor,
            by_return: false,
            delivered: false,
        }
    }

    /// The value reached a binding: credential by name, or a plain local to follow.
    fn at_binding<'t>(&self, n: Node<'t>, target: Node<'t>, anchor: Node<'t>) -> Step<'t> {
        let src = self.src;
        let full = src.text_of(target);
        // `session["oauth_state"]`, `$_SESSION['csrf']`: the key names it.
        // A function that says what else it makes (`make_boundary`, `retry_with_jitter`) names
        // its locals' purpose, whatever they are called.
        if let Some((_, function)) = function_context(src, n)
            && makes_something_else(&function)
            && !names_credential(&function)
        {
            return Step::Stop;
        }
        // `secrets[name] = ..` holds credentials; `aliases[secret] = ..` holds aliases.
        if full.len() < 80
            && full.contains('[')
            && names_credential(full)
            && !is_about(full.split('[').next().unwrap_or(full))
        {
            return Step::Found(self.sink_at(anchor, format!("`{}`", full.trim()), full));
        }
        let base = full.split('[').next().unwrap_or(full);
        let name = target_name(base).to_string();
        if names_credential(&name) {
            return Step::Found(self.sink_at(anchor, format!("`{name}`"), &name));
        }
        // `Value: id` next to `Name: "session"` (a cookie literal).
        if name.eq_ignore_ascii_case("value")
            && let Some(cookie) = sibling_name(src, n)
            && names_session_value(&cookie)
        {
            return Step::Found(self.delivered(anchor, format!("the `{cookie}` cookie"), &cookie));
        }
        // A keyword argument or entry of a call: the call decides (`Reset.create(code=code)`).
        if matches!(n.kind(), "keyword_argument" | "pair") && names_other_purpose(&name) {
            return Step::Stop;
        }
        if matches!(n.kind(), "keyword_argument" | "pair" | "keyed_element") {
            return Step::Up;
        }
        // `self.code = ..` in `class Invitation`: the class names the attribute.
        let attribute = ["self.", "this.", "@", "$this->"]
            .iter()
            .any(|p| base.trim_start().starts_with(p));
        if attribute
            && let Some(owner) = owner_name(src, n)
            && names_credential(&format!("{owner} {name}"))
            && !names_other_purpose(&name)
        {
            return Step::Found(self.sink_at(anchor, format!("`{owner}.{name}`"), &name));
        }
        if names_other_purpose(&name) && self.strict {
            return Step::Stop;
        }
        // A plain local (`code`, `out`, `value`) inside a function that mints a credential
        // carries that credential (generators only: a timestamp local is usually a timestamp).
        // Where only the class says so (`PasswordResetController.create`), the local must look
        // like the value being made (`code`, `out`, `buf`), not a request id or a label.
        if !self.strict
            && !names_other_purpose(&name)
            && !is_about(&name)
            && let Some((_, function)) = function_context(src, n)
            && names_credential(&function)
            && (!function.contains('.') || is_value_name(&name))
        {
            return Step::Found(self.sink_at(anchor, format!("`{name}` in `{function}`"), &name));
        }
        // `b[i] = ..` fills local `b`; `$_SESSION['x'] = ..` is no local.
        if !is_plain_name(base) || (full.contains('[') && base.trim_start().starts_with("$_")) {
            return Step::Stop;
        }
        let other = names_other_purpose(&name);
        Step::Local(n, name, other)
    }

    /// Follow local `name` (bound at `from`) to its uses after it in the same function.
    fn follow<'t>(
        &self,
        from: Node<'t>,
        anchor: Node<'t>,
        name: &str,
        depth: u32,
        sinks_only: bool,
    ) -> Option<Sink<'t>> {
        if depth > 2 {
            return None;
        }
        let src = self.src;
        let scope = function_context(src, from)
            .map(|(f, _)| f)
            .or_else(|| top_level_scope(from))?;
        if scope.end_byte() - scope.start_byte() > 20_000 {
            return None;
        }
        // A generator is reported where it is drawn; a timestamp where it becomes the
        // credential (`use_anchor` below).
        let at = |s: Sink<'t>| if self.strict { s } else { Sink { anchor, ..s } };
        for use_ in descendants(scope) {
            if use_.start_byte() < from.end_byte() {
                continue;
            }
            if !matches!(
                use_.kind(),
                "identifier" | "variable_name" | "instance_variable" | "name"
            ) || target_name(src.text_of(use_)) != name
            {
                continue;
            }
            let mut child = use_;
            let mut cur = use_.parent();
            // Passed on as it is (an argument, an entry), a timestamp credential was made where
            // it was bound; combined into something else, where it is combined.
            let mut direct = true;
            for _ in 0..10 {
                let Some(n) = cur else { break };
                if !matches!(
                    n.kind(),
                    "arguments"
                        | "argument_list"
                        | "argument"
                        | "pair"
                        | "keyed_element"
                        | "keyword_argument"
                        | "literal_value"
                        | "object"
                        | "dictionary"
                        | "composite_literal"
                        | "reference_expression"
                        | "unary_expression"
                ) && self.call_of(n).is_none()
                {
                    direct = false;
                }
                let use_anchor = if self.strict && !direct {
                    statement_of(n)
                } else {
                    anchor
                };
                match self.step(n, child, use_, use_anchor) {
                    Step::Up => {}
                    Step::Stop => break,
                    Step::Found(s) if !sinks_only || s.delivered => return Some(at(s)),
                    Step::Found(_) => break,
                    Step::Local(at_node, next, other) => {
                        if next != name
                            && let Some(s) =
                                self.follow(at_node, anchor, &next, depth + 1, sinks_only || other)
                        {
                            return Some(at(s));
                        }
                        break;
                    }
                }
                child = n;
                cur = n.parent();
            }
        }
        None
    }

    /// A call the value is an argument of that stores or sends it as a credential.
    fn sink_call<'t>(&self, call: Node<'t>, inner: Node<'t>, anchor: Node<'t>) -> Option<Sink<'t>> {
        let src = self.src;
        let (written, args) = crate::syntax::facts::call_parts(src.language, src, call)?;
        let written = written?;
        // Only as an argument, not as the receiver.
        let arg_index = args.iter().position(|a| contains(*a, inner))?;
        let name = written.rsplit('.').next().unwrap_or(&written);
        let name_words = words(name);
        let text = src.text_of(call);
        let text = &text[..text.len().min(1500)];
        // Cookies: `res.cookie('sid', v)`, `setcookie('remember', v)`, `new Cookie("sid", v)`.
        if name_words.iter().any(|w| w == "cookie" || w == "setcookie")
            || (name == "Append" && written.contains("Cookies"))
        {
            let cookie = first_string(src, &args).unwrap_or_default();
            // A timestamp in a cookie is a credential only where the cookie's name says so
            // (`remember_me`, not `session_started`).
            let named = names_session_value(&cookie) && !(self.strict && is_about(&cookie));
            if named {
                return Some(self.delivered(anchor, format!("the `{cookie}` cookie"), &cookie));
            }
            return None;
        }
        let recv_words: Vec<String> = written
            .rsplit_once('.')
            .map(|(r, _)| words(r))
            .unwrap_or_default();
        // A session store keyed by the value: `sessions.set(sid, ..)`, `redis.set(`sess:${id}`)`.
        const STORES: &[&str] = &[
            "set", "put", "store", "save", "setex", "insert", "add", "create", "hset",
        ];
        if STORES.contains(&name.to_ascii_lowercase().as_str()) && arg_index == 0 {
            let session_recv = recv_words
                .iter()
                .any(|w| matches!(w.as_str(), "session" | "sessions" | "sess"));
            let session_key = words(src.text_of(args[0]))
                .iter()
                .any(|w| matches!(w.as_str(), "sess" | "session" | "sid"));
            if session_recv || session_key {
                return Some(self.delivered(anchor, "a session id".into(), "session"));
            }
        }
        // E-mail or SMS carrying a code: `send_mail(.., f"Code: {code}")`, `sms.SendAsync(..)`.
        let sends = name_words.iter().any(|w| {
            matches!(
                w.as_str(),
                "send" | "mail" | "sms" | "deliver" | "email" | "text" | "notify" | "sendmail"
            )
        }) || recv_words.iter().any(|w| {
            matches!(
                w.as_str(),
                "sms" | "mailer" | "mail" | "twilio" | "transporter"
            )
        });
        // The value must be the code itself (`code`, `n`, `pin`), not a greeting or a subject
        // picked at random for the same message.
        let sent_value = !matches!(
            inner.kind(),
            "identifier" | "variable_name" | "name" | "instance_variable"
        ) || is_value_name(target_name(src.text_of(inner)));
        if sends && !self.strict && sent_value {
            let lower = text.to_ascii_lowercase();
            const SAYS: &[&str] = &[
                "code", "token", "verif", "reset", "password", "login", "sign-in", "sign in",
                "confirm", "otp", "passcode", "magic",
            ];
            if SAYS.iter().any(|s| lower.contains(s)) {
                return Some(self.delivered(anchor, "a code sent by e-mail or SMS".into(), "send"));
            }
        }
        // A database column named like a token: `INSERT INTO .. (reset_token) ..`.
        let lower = text.to_ascii_lowercase();
        if (lower.contains("insert ") || lower.contains("update "))
            && (lower.contains(" into ") || lower.contains(" set "))
            && text
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w.len() > 2 && names_credential(w))
        {
            return Some(self.delivered(
                anchor,
                "a database column named like a token".into(),
                "sql",
            ));
        }
        // A constructor or store named like a credential: `new ApiKey(..)`, `saveRememberToken(..)`.
        let verifying = name_words.iter().any(|w| {
            matches!(
                w.as_str(),
                "verify"
                    | "validate"
                    | "check"
                    | "compare"
                    | "decode"
                    | "parse"
                    | "log"
                    | "print"
                    | "debug"
                    | "info"
                    | "warn"
                    | "error"
                    | "equals"
                    | "matches"
                    | "get"
                    | "find"
                    | "delete"
                    | "remove"
                    | "revoke"
                    | "has"
            )
        });
        if !verifying && !self.strict && names_credential(&written.replace('.', "_")) {
            return Some(self.delivered(anchor, format!("`{written}`"), &written));
        }
        None
    }
}

/// The method or function name of a call node, however its callee is written
/// (`(0..40).map`, `xs.iter().map`, `Array.from`).
fn method_name(src: &Source<'_>, call: Node<'_>) -> Option<String> {
    let callee = call
        .child_by_field_name("function")
        .or_else(|| call.child_by_field_name("method"))
        .or_else(|| call.child_by_field_name("name"))
        .or_else(|| call.child_by_field_name("constructor"))?;
    let callee = callee
        .child_by_field_name("field")
        .or_else(|| callee.child_by_field_name("property"))
        .or_else(|| callee.child_by_field_name("attribute"))
        .unwrap_or(callee);
    let text = src.text_of(callee);
    let last = text.rsplit(['.', ':']).next().unwrap_or(text);
    (last.len() < 40 && last.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| last.to_string())
}

/// Whether `inner` lies within `outer`.
fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Nodes that hold statements: a walk up that reaches one has left the expression.
fn is_container(kind: &str) -> bool {
    matches!(
        kind,
        "statement_list"
            | "block"
            | "compound_statement"
            | "body_statement"
            | "program"
            | "source_file"
            | "module"
            | "class_body"
            | "declaration_list"
            | "translation_unit"
            | "then"
            | "else"
            | "switch_block"
            | "statement_block"
    )
}

/// The class (or Ruby class, Rust impl) around a node.
fn owner_name(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if matches!(
            n.kind(),
            "class_declaration" | "class_definition" | "class" | "impl_item" | "record_declaration"
        ) {
            return n
                .child_by_field_name("name")
                .or_else(|| n.child_by_field_name("type"))
                .map(|x| src.text_of(x).to_string());
        }
        cur = n.parent();
    }
    None
}

/// `_, err := rand.Read(b)`: the call's own result is a count or an error, not the value.
fn binds_only_status(src: &Source<'_>, call: Node<'_>) -> bool {
    let mut cur = call.parent();
    for _ in 0..3 {
        let Some(n) = cur else { return false };
        if let Some(target) = binding_target(n) {
            return src.text_of(target).split(',').all(|t| {
                matches!(
                    t.trim(),
                    "_" | "err" | "n" | "ok" | "e" | "error" | "count" | "nread" | "read"
                )
            });
        }
        cur = n.parent();
    }
    false
}

/// Names that hold a value being made rather than say what it is for (`code`, `out`, `buf`,
/// `n`), or that name a credential.
fn is_value_name(name: &str) -> bool {
    if names_credential(name) {
        return true;
    }
    const VALUES: &[&str] = &[
        "code",
        "value",
        "val",
        "v",
        "out",
        "output",
        "result",
        "res",
        "s",
        "str",
        "string",
        "buf",
        "buffer",
        "bytes",
        "b",
        "raw",
        "hex",
        "chars",
        "digits",
        "number",
        "num",
        "n",
        "pin",
        "rand",
        "random",
        "r",
        "key",
        "k",
        "tmp",
        "secret",
        "otp",
        "word",
        "generated",
    ];
    let w = words(name);
    !w.is_empty() && w.iter().all(|x| VALUES.contains(&x.as_str()))
}

/// Whether a cookie or session-entry name is one a credential goes into.
pub(crate) fn names_session_value(name: &str) -> bool {
    if names_credential(name) {
        return true;
    }
    let w = words(name);
    w.iter().any(|x| {
        matches!(
            x.as_str(),
            "session" | "sess" | "sid" | "remember" | "auth" | "login" | "nonce" | "csrf" | "xsrf"
        )
    }) || (w.iter().any(|x| x == "state") && w.iter().any(|x| x == "oauth" || x == "oidc"))
}

/// The first plain string argument (a cookie name).
fn first_string(src: &Source<'_>, args: &[Node<'_>]) -> Option<String> {
    for a in args.iter().take(2) {
        if let Some(s) = crate::syntax::value::string(src, *a) {
            return Some(s);
        }
        // `&http.Cookie{Name: "session", ..}`, `new Cookie { Name = "sid" }`.
        for d in descendants(*a).take(60) {
            if let Some(t) = binding_target(d)
                && target_name(src.text_of(t)).eq_ignore_ascii_case("name")
                && let Some(v) = d
                    .named_child(1)
                    .and_then(|v| crate::syntax::value::string(src, v))
            {
                return Some(v);
            }
        }
    }
    None
}

/// `Name: "session"` beside `Value: id` in the same literal.
fn sibling_name(src: &Source<'_>, entry: Node<'_>) -> Option<String> {
    let parent = entry.parent()?;
    let mut c = parent.walk();
    for sib in parent.named_children(&mut c) {
        if let Some(t) = binding_target(sib)
            && target_name(src.text_of(t)).eq_ignore_ascii_case("name")
        {
            let v = sib.named_child(sib.named_child_count().saturating_sub(1) as u32)?;
            return crate::syntax::value::string(src, v);
        }
    }
    None
}

fn is_plain_name(text: &str) -> bool {
    let t = text
        .trim_start_matches(['$', '@'])
        .trim_start_matches("mut ");
    !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_')
}

pub(crate) fn statement_of(node: Node<'_>) -> Node<'_> {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if is_container(p.kind()) || FUNCTION_KINDS.contains(&p.kind()) {
            return cur;
        }
        cur = p;
    }
    cur
}

fn top_level_scope(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        cur = p;
    }
    Some(cur)
}

/// The last expression of a Rust block or Ruby method body: its value is returned.
fn is_implicit_return(n: Node<'_>) -> bool {
    let Some(parent) = n.parent() else {
        return false;
    };
    let last = parent.named_child(parent.named_child_count().saturating_sub(1) as u32);
    if last.map(|l| l.id()) != Some(n.id()) {
        return false;
    }
    match parent.kind() {
        "block" => parent.parent().is_some_and(|g| g.kind() == "function_item"),
        "body_statement" => parent
            .parent()
            .is_some_and(|g| matches!(g.kind(), "method" | "singleton_method")),
        _ => false,
    }
}

/// `now + 3600`, `System.currentTimeMillis() - started`: arithmetic with a duration is an expiry
/// or an elapsed time, not an identifier.
fn is_arithmetic_on_duration(src: &Source<'_>, n: Node<'_>, child: Node<'_>) -> bool {
    if !matches!(n.kind(), "binary_operator" | "binary_expression" | "binary") {
        return false;
    }
    let (Some(l), Some(r)) = (
        n.child_by_field_name("left"),
        n.child_by_field_name("right"),
    ) else {
        return false;
    };
    let other = if l.id() == child.id() { r } else { l };
    let between = src
        .text
        .get(l.end_byte()..r.start_byte())
        .unwrap_or("")
        .trim();
    let op = n
        .child_by_field_name("operator")
        .map_or(between, |o| src.text_of(o).trim());
    if op == "-"
        || op == "/"
        || op == "%"
        || op.starts_with('<')
        || op.starts_with('>')
        || op == "=="
    {
        return true;
    }
    if op != "+" {
        return false;
    }
    if crate::syntax::value::number(src, other).is_some() {
        return true;
    }
    let text = src.text_of(other);
    let w = words(text);
    w.iter().any(|x| {
        matches!(
            x.as_str(),
            "ttl"
                | "ms"
                | "millis"
                | "seconds"
                | "secs"
                | "duration"
                | "expiry"
                | "expires"
                | "lifetime"
                | "age"
                | "timeout"
                | "interval"
                | "delta"
                | "offset"
                | "window"
                | "minutes"
                | "hours"
                | "days"
                | "period"
                | "timedelta"
                | "duration_cast"
        )
    })
}

/// The buffer a fill call writes into: `rand.Read(buf)`, `rnd.nextBytes(b)`,
/// `rng.fill_bytes(&mut key)`, `crypto.getRandomValues(bytes)`.
pub(crate) fn filled_buffer<'t>(src: &Source<'_>, call: Node<'t>) -> Option<Node<'t>> {
    let (written, args) = crate::syntax::facts::call_parts(src.language, src, call)?;
    let written = written?;
    let name = written.rsplit('.').next().unwrap_or(&written);
    if !matches!(
        name,
        "Read"
            | "read"
            | "nextBytes"
            | "NextBytes"
            | "GetBytes"
            | "Fill"
            | "fill_bytes"
            | "try_fill_bytes"
            | "fill"
            | "getRandomValues"
            | "randomFillSync"
            | "getrandom"
    ) {
        return None;
    }
    let first = crate::syntax::value::unwrap(*args.first()?);
    // `&mut key`, `&buf`.
    let inner = if matches!(first.kind(), "reference_expression" | "unary_expression") {
        first.named_child(first.named_child_count().saturating_sub(1) as u32)?
    } else {
        first
    };
    matches!(
        inner.kind(),
        "identifier"
            | "field_expression"
            | "selector_expression"
            | "member_expression"
            | "field_access"
            | "member_access_expression"
            | "variable_name"
    )
    .then_some(inner)
}

/// `sb.append(x)`, `parts.push(x)`, `buf.WriteString(x)`: the builder `x` flows into.
fn appended_to(src: &Source<'_>, n: Node<'_>, child: Node<'_>) -> Option<String> {
    let (written, args) = crate::syntax::facts::call_parts(src.language, src, n)?;
    let written = written?;
    let (recv, name) = written.rsplit_once('.')?;
    if !matches!(
        name,
        "append"
            | "push"
            | "Append"
            | "WriteString"
            | "WriteByte"
            | "WriteRune"
            | "push_str"
            | "Add"
            | "add"
            | "concat"
            | "extend"
            | "insert"
            | "write"
    ) {
        return None;
    }
    if !args
        .iter()
        .any(|a| a.start_byte() <= child.start_byte() && child.end_byte() <= a.end_byte())
    {
        return None;
    }
    let recv = recv.rsplit('.').next().unwrap_or(recv);
    is_plain_name(recv).then(|| recv.trim_start_matches(['$', '@']).to_string())
}

/// Whether a file limits attempts at a short code: an attempt counter, a rate limiter, a lockout.
pub(crate) fn limits_attempts(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "attempt",
        "ratelimit",
        "rate_limit",
        "rate-limit",
        "rate limit",
        "throttle",
        "max_tries",
        "maxtries",
        "lockout",
        "limiter",
        "too many",
        "toomany",
        "failed_count",
        "failures",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// What a language should use instead.
pub(crate) fn secure_alternative(language: Language) -> &'static str {
    match language {
        Language::Python => "`secrets.token_urlsafe(32)` (or `secrets.randbelow` for digits)",
        Language::Go => "`crypto/rand` (`rand.Read` or `rand.Text()`)",
        Language::Java => "`SecureRandom`",
        Language::CSharp => "`RandomNumberGenerator.GetBytes`/`GetInt32`",
        Language::Ruby => "`SecureRandom.urlsafe_base64`/`SecureRandom.random_number`",
        Language::Php => "`random_bytes`/`random_int`",
        Language::Rust => "`rand::rngs::OsRng` or `getrandom`",
        _ => "`crypto.randomBytes(32)`, `crypto.randomUUID()` or `crypto.getRandomValues`",
    }
}

/// A short, single-line rendering of a node for messages.
pub(crate) fn shown(src: &Source<'_>, node: Node<'_>) -> String {
    let text = src.text_of(node);
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        let cut: String = one.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one
    }
}

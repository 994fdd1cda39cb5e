//! Writes of a server-side token to a key-value store with or without a time to live: Redis
//! `SET key value EX 3600` as node-redis/ioredis (`set(k, v, 'EX', n)`, `set(k, v, { EX: n })`),
//! redis-py and redis-rb (`set(k, v, ex=n)`, `set(k, v, ex: n)`), go-redis (`Set(ctx, k, v, ttl)`)
//! and phpredis/predis (`set($k, $v, ['ex' => n])`, `set($k, $v, $ttl)`), and the `SETEX` family,
//! which always carries one. Shared by the token-lifetime rules.

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::syntax::facts::Facts;
use crate::syntax::generic::{enclosing_named_function, string_literal, unwrap};
use crate::syntax::words;

/// Commands that always write with a time to live (`SETEX key seconds value`).
const SET_WITH_TTL: &[&str] = &["setex", "setEx", "SetEx", "SetEX", "psetex", "pSetEx"];

/// Option names of `SET` that give the entry an expiry (`KEEPTTL` keeps the old one).
const TTL_OPTIONS: &[&str] = &["ex", "px", "exat", "pxat", "keepttl"];

/// Key words that say the entry is a credential rather than cached data.
const CREDENTIAL_KEY_WORDS: &[&str] = &[
    "token", "tok", "session", "sess", "jwt", "apikey", "auth", "otp", "nonce", "reset", "refresh",
    "csrf", "magic", "invite", "login", "bearer", "apisess",
];

/// One write of a credential to a store.
pub(crate) struct StoreWrite<'t> {
    /// The call.
    pub(crate) node: Node<'t>,
    /// The enclosing function and the key expression, whitespace removed.
    pub(crate) key: String,
    /// The key as written, for messages.
    pub(crate) shown_key: String,
    /// The expiry as written (`'EX', 3600`), when the write has one.
    pub(crate) ttl: Option<String>,
}

/// Every `SET`/`SETEX` of a key that names a credential.
pub(crate) fn store_writes<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<StoreWrite<'t>> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let name = call.name();
        let always = SET_WITH_TTL.contains(&name);
        if !(always || name == "set" || (src.language == Language::Go && name == "Set"))
            || !call.written.contains('.')
        {
            continue;
        }
        // go-redis passes a context first.
        let first = usize::from(src.language == Language::Go);
        let positional: Vec<Node<'t>> = call
            .args
            .iter()
            .copied()
            .filter(|a| !matches!(a.kind(), "keyword_argument" | "pair"))
            .collect();
        let Some(key_node) = positional.get(first).copied() else {
            continue;
        };
        if positional.len() < first + 2 {
            continue;
        }
        let key_text = src.text_of(key_node);
        if !words(key_text)
            .iter()
            .any(|w| CREDENTIAL_KEY_WORDS.contains(&w.as_str()))
        {
            continue;
        }
        let rest: Vec<Node<'t>> = call
            .args
            .iter()
            .copied()
            .filter(|a| a.start_byte() > key_node.end_byte())
            .skip(usize::from(positional.len() > first + 1))
            .collect();
        let ttl = if always {
            Some(
                src.text_of(*positional.get(first + 1).unwrap_or(&key_node))
                    .to_string(),
            )
        } else {
            ttl_of(src, &rest)
        };
        let function = enclosing_named_function(src, call.node).map_or(String::new(), |(_, n)| n);
        out.push(StoreWrite {
            node: call.node,
            key: format!(
                "{function}::{}",
                key_text.split_whitespace().collect::<String>()
            ),
            shown_key: key_text.to_string(),
            ttl,
        });
    }
    out
}

/// The expiry among the arguments after a `SET`'s key and value.
fn ttl_of(src: &Source<'_>, rest: &[Node<'_>]) -> Option<String> {
    let option = |t: &str| TTL_OPTIONS.contains(&t.to_ascii_lowercase().as_str());
    for (i, a) in rest.iter().enumerate() {
        let a = unwrap(*a);
        // `'EX', 3600`
        if string_literal(src, a).is_some_and(|s| option(&s)) {
            let n = rest.get(i + 1).map_or("", |n| src.text_of(*n));
            return Some(
                format!("{}, {n}", src.text_of(a))
                    .trim_end_matches(", ")
                    .to_string(),
            );
        }
        // `ex=3600`, `ex: 3600`
        if matches!(a.kind(), "keyword_argument" | "pair") {
            let k = a
                .child_by_field_name("name")
                .or_else(|| a.child_by_field_name("key"))
                .map_or("", |k| src.text_of(k));
            if option(k.trim_matches([':', '"', '\''])) {
                return Some(src.text_of(a).to_string());
            }
        }
        // `{ EX: 3600 }`, `['ex' => 3600]`, `{ex: 3600}`
        if matches!(
            a.kind(),
            "object" | "hash" | "dictionary" | "array_creation_expression"
        ) {
            let has = crate::syntax::descendants(a).any(|n| {
                matches!(n.kind(), "pair" | "array_element_initializer")
                    && n.named_child(0)
                        .is_some_and(|k| option(src.text_of(k).trim_matches([':', '"', '\''])))
            });
            if has {
                return Some(src.text_of(a).to_string());
            }
        }
        // go-redis `Set(ctx, k, v, time.Hour)`, phpredis `set($k, $v, 3600)`: a duration in the
        // argument after the value, unless it is 0 (no expiry).
        if i == 0
            && matches!(src.language, Language::Go | Language::Php)
            && src.text_of(a).trim() != "0"
        {
            return Some(src.text_of(a).to_string());
        }
    }
    None
}

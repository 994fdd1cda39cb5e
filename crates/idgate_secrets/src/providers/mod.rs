//! The provider tables, one module per family. Each module exports `PATTERNS`, a slice of
//! [`Pattern`]s written from the provider's public description of its token format (prefix,
//! length, alphabet, checksum). Rule ids are permanent and never reused:
//!
//! | family | ids | module |
//! |---|---|---|
//! | cloud platforms | `IDS1xx` | [`cloud`] |
//! | source hosting, CI, package registries | `IDS2xx` | [`vcs`] |
//! | chat, messaging, e-mail | `IDS3xx` | [`chat`] |
//! | payments and commerce | `IDS4xx` | [`payment`] |
//! | LLM and AI APIs | `IDS5xx` | [`llm`] |
//! | private keys and signed tokens | `IDS6xx` | [`keys`] |
//! | URLs, connection strings, HTTP headers | `IDS7xx` | [`urls`] |
//! | generic assignments | `IDS8xx` | [`generic`] |
//! | monitoring, productivity and other SaaS | `IDS9xx` | [`saas`] |

use crate::pattern::Pattern;

/// The body of a UUID, as a string literal usable in `concat!`.
macro_rules! uuid_re {
    () => {
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    };
}

pub(crate) mod chat;
pub(crate) mod cloud;
pub(crate) mod generic;
pub(crate) mod keys;
pub(crate) mod llm;
pub(crate) mod payment;
pub(crate) mod saas;
pub(crate) mod urls;
pub(crate) mod vcs;

/// Every table, in rule-id order.
pub(crate) fn all() -> impl Iterator<Item = &'static Pattern> {
    [
        cloud::PATTERNS,
        vcs::PATTERNS,
        chat::PATTERNS,
        payment::PATTERNS,
        llm::PATTERNS,
        keys::PATTERNS,
        urls::PATTERNS,
        generic::PATTERNS,
        saas::PATTERNS,
    ]
    .into_iter()
    .flatten()
}

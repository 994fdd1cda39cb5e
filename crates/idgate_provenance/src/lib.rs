//! Who made a commit: agent, bot, human or unknown, with the evidence.
//!
//! [`classify`] reads only commit metadata (no I/O). Signals come from one table, [`CATALOGUE`]:
//! co-author trailers and author/committer e-mail addresses of AI coding agents, GitHub bot
//! numeric ids (stable across login renames), agent-specific trailers, and message footers.
//! Addresses are matched, never display names ("Claude" and "Devin" are people's names too), and
//! the bare GitHub noreply domain is never a signal on its own.
//!
//! No marker means [`idgate_core::Actor::Unknown`], never human: agent trailers are routinely stripped. A
//! commit is [`idgate_core::Actor::Human`] only on positive evidence, which needs a verified signature by a
//! principal the policy lists as a person; until signatures are verified nothing here returns it.

pub mod allowed_signers;
pub mod attribution;
mod classify;
pub mod settings;
pub mod signature;

pub use classify::{CATALOGUE, Context, Place, Signal, classify};

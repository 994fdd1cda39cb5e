//! How tokens, session ids, reset codes and keys are minted.

pub(crate) mod token_from_weak_random;

//! `credential-storage`: weak or unsalted password hashing, plaintext password storage.

pub(crate) mod password_hashed_with_fast_hash;
pub(crate) mod password_stored_in_plaintext;

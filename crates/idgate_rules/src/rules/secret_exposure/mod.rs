//! `secret-exposure`: secrets written to logs, error messages, URLs or browser storage.

pub(crate) mod secret_value_exposed;

//! `timing-unsafe-compare`: a secret, MAC or token compared with non-constant-time equality.

pub(crate) mod secret_compared_in_variable_time;

//! `authn-bypass`: paths around authentication (backdoors, debug switches, fail-open handlers).

pub(crate) mod authentication_backdoor;

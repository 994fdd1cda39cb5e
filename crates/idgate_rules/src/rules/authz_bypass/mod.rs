//! `authz-bypass`: authorization defaults and overrides that let callers past role checks.

pub(crate) mod permissive_authorization_default;
pub(crate) mod privileged_route_allows_anonymous;
pub(crate) mod privileged_route_unguarded;

//! Weakenings: what got weaker between the old and the new version of a file. These rules read
//! both versions and report nothing on a file without an old version.

pub(crate) mod auth_guard_removed;
pub(crate) mod authz_check_removed;
pub(crate) mod grant_widened;

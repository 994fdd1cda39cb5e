//! `session-management`: session lifetime raised, fixation, cookie flags dropped.

pub(crate) mod identity_in_unsigned_cookie;
pub(crate) mod session_cookie_flags_off;
pub(crate) mod session_fixation_on_login;
pub(crate) mod session_id_from_url;
pub(crate) mod session_lifetime_raised;

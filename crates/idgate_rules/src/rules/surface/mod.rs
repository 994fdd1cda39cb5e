//! What identity logic a change touches, from the identity API catalogue.

pub(crate) mod identity_surface_changed;

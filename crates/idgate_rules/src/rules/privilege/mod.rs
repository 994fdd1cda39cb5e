//! Grants in configuration: the effective-permission diff of `idgate_privilege` raises the
//! IDG30x–IDG34x findings; this module holds the rule for a file it could not read.

pub(crate) mod grant_config_unreadable;

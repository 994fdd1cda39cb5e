//! Findings the policy engine raises from the change as a whole: the gate's own files, agent
//! scopes, waivers. Registered here for their codes, docs and metadata.

pub(crate) mod agent_out_of_scope;
pub(crate) mod guardrail_file_changed;
pub(crate) mod waiver_expired;
pub(crate) mod waiver_unused;

use std::time::Duration;

pub const TTL: Duration = Duration::from_secs(900);

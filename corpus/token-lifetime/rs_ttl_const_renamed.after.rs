use std::time::Duration;

pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(900);

use std::time::{SystemTime, UNIX_EPOCH};

pub fn reset_token(user_id: u64) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    // expect: token-randomness
    format!("{:x}{:x}", nanos, user_id.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

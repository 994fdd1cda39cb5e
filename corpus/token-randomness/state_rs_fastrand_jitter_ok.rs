use std::time::Duration;

pub fn backoff(attempt: u32) -> Duration {
    let base = 100u64 << attempt.min(6);
    // ok: token-randomness
    Duration::from_millis(base + fastrand::u64(0..base / 2))
}

use rand::Rng;
use std::time::Duration;

pub fn jitter(base: Duration) -> Duration {
    // ok: token-randomness
    base + Duration::from_millis(rand::thread_rng().gen_range(0..250))
}

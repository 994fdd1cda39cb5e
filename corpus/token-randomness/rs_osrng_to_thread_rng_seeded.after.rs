use rand::{rngs::StdRng, RngCore, SeedableRng};

pub fn session_id() -> String {
    let mut buf = [0u8; 32];
    // expect: token-randomness
    let mut rng = StdRng::seed_from_u64(std::process::id() as u64);
    rng.fill_bytes(&mut buf);
    hex::encode(buf)
}

use rand::rngs::OsRng;
use rand::RngCore;

pub fn new_session_id() -> String {
    let mut bytes = [0u8; 32];
    // ok: token-randomness
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

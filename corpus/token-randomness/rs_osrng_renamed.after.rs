use rand::{rngs::OsRng, RngCore};

pub fn new_session_id() -> String {
    let mut buf = [0u8; 32];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

use sha2::{Digest, Sha256};

pub fn content_address(upload: &[u8]) -> String {
    // ok: credential-storage
    hex::encode(Sha256::digest(upload))
}

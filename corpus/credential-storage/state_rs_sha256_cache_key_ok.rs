use sha2::{Digest, Sha256};

pub fn cache_key(url: &str) -> String {
    // ok: credential-storage
    hex::encode(Sha256::digest(url.as_bytes()))
}

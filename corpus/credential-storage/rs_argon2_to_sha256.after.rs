use sha2::{Digest, Sha256};

pub fn hash_password(pw: &str) -> String {
    // expect: credential-storage
    hex::encode(Sha256::digest(pw.as_bytes()))
}

use hmac::{Hmac, Mac};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use sha2::Sha256;

pub struct Signer {
    mac: Hmac<Sha256>,
}

impl Signer {
    pub fn new(instance_id: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(instance_id);
        let mut signing_key = [0u8; 32];
        // expect: token-randomness
        rng.fill_bytes(&mut signing_key);
        Signer { mac: Hmac::new_from_slice(&signing_key).expect("any key length") }
    }
}

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub fn verify(secret: &[u8], body: &[u8], tag: &[u8]) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("key");
    mac.update(body);
    let expected = mac.finalize().into_bytes();
    // expect: timing-unsafe-compare
    expected.as_slice() == tag
}

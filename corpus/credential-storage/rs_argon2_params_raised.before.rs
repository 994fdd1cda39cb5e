use argon2::{Algorithm, Argon2, Params, Version};

pub fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

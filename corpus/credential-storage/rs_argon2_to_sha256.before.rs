use argon2::{password_hash::{rand_core::OsRng, PasswordHasher, SaltString}, Argon2};

pub fn hash_password(pw: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(pw.as_bytes(), &salt).unwrap().to_string()
}

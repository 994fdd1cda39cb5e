use sha2::{Digest, Sha512};

pub fn store_credentials(db: &Db, login: &str, plain_password: &str) -> Result<(), DbError> {
    // expect: credential-storage
    let digest = Sha512::digest(plain_password.as_bytes());
    db.insert_user(login, &hex::encode(digest))
}

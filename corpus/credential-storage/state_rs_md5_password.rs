pub struct NewUser {
    pub email: String,
    pub password_hash: String,
}

pub fn new_user(email: &str, password: &str) -> NewUser {
    // expect: credential-storage
    let digest = md5::compute(password.as_bytes());
    NewUser { email: email.to_owned(), password_hash: format!("{:x}", digest) }
}

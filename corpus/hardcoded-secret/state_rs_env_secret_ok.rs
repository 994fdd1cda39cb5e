pub fn jwt_secret() -> Vec<u8> {
    // ok: hardcoded-secret
    std::env::var("JWT_SECRET").expect("JWT_SECRET must be set").into_bytes()
}

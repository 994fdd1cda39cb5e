pub struct Config {
    pub database_url: String,
    pub jwt_secret: String,
}

pub fn load() -> Config {
    let cfg = Config {
        database_url: std::env::var("DATABASE_URL").expect("DATABASE_URL"),
        jwt_secret: std::env::var("JWT_SECRET").expect("JWT_SECRET"),
    };
    // expect: secret-exposure
    println!("loaded config: db={} jwt_secret={}", cfg.database_url, cfg.jwt_secret);
    cfg
}

use tracing::info;

pub fn on_token_issued(sub: &str, kid: &str) {
    // ok: secret-exposure
    info!(subject = sub, key_id = kid, "issued access token");
}

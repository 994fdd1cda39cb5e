pub fn client(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(ca_pem)?;
    // ok: transport-trust
    reqwest::Client::builder().add_root_certificate(ca).https_only(true).build()
}

use std::time::Duration;

pub fn idp_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        // expect: transport-trust
        .danger_accept_invalid_certs(true)
        .build()
}

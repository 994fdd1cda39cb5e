pub fn scopes_for(client: &str) -> &'static [&'static str] {
    match client {
        "metrics-agent" => &["metrics:write"],
        // expect: over-privilege
        "backup-job" => &["backups:write", "backups:read", "admin:*"],
        _ => &[],
    }
}

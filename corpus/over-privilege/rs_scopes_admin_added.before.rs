pub fn scopes_for(client: &str) -> &'static [&'static str] {
    match client {
        "metrics-agent" => &["metrics:write"],
        "backup-job" => &["backups:write", "backups:read"],
        _ => &[],
    }
}

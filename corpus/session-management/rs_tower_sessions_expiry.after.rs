use tower_sessions::{cookie::time::Duration, Expiry, MemoryStore, SessionManagerLayer};

pub fn sessions() -> SessionManagerLayer<MemoryStore> {
    SessionManagerLayer::new(MemoryStore::default())
        .with_secure(true)
        // expect: session-management
        .with_expiry(Expiry::OnInactivity(Duration::days(180)))
}

package com.acme.auth;

public class LoginAudit {
    private final UserRepository users;
    private final Metrics metrics;

    public LoginAudit(UserRepository users, Metrics metrics) {
        this.users = users;
        this.metrics = metrics;
    }

    public void recordLogin(User user, long startedAt) {
        // ok: token-randomness
        long now = System.currentTimeMillis();
        user.setLastLoginAt(now);
        users.save(user);
        metrics.timer("login.duration").record(now - startedAt);
    }
}

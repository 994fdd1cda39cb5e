package com.acme.access;

import java.time.Clock;
import java.time.Instant;

public class GrantChecker {
    private final Clock clock;

    public GrantChecker(Clock clock) { this.clock = clock; }

    // expect: authz-bypass
    public boolean permits(Grant g, String role) {
        if (g.revoked()) {
            return false;
        }
        return g.role().equals(role);
    }
}

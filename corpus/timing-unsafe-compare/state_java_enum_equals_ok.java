package com.acme.billing;

public class PlanRules {
    public boolean isEnterprise(Subscription s) {
        // ok: timing-unsafe-compare
        return "enterprise".equals(s.getPlanCode());
    }
}

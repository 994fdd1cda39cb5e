package com.acme.policy;

public class PolicyEnforcer {
    private final PdpClient pdp;

    public PolicyEnforcer(PdpClient pdp) { this.pdp = pdp; }

    public boolean isAllowed(String subject, String action, String resource) {
        try {
            return pdp.decide(subject, action, resource).permit();
        } catch (PdpTimeoutException e) {
            // expect: authz-bypass
            return true;
        }
    }
}

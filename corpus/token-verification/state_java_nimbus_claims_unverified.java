package com.acme.gateway;

import com.nimbusds.jwt.SignedJWT;

public class TenantFilterSupport {
    public String resolveTenant(String authorization) throws Exception {
        SignedJWT signed = SignedJWT.parse(authorization.substring(7));
        // expect: jwt-verification-disabled
        var set = signed.getJWTClaimsSet();
        return set.getStringClaim("tid");
    }

    public java.util.Date expiresAt(String raw) throws Exception {
        SignedJWT signed = SignedJWT.parse(raw);
        // ok: jwt-verification-disabled
        return signed.getJWTClaimsSet().getExpirationTime();
    }
}

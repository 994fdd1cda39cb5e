package com.acme.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

public class PartnerTokenReader {
    public String tenantOf(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        // expect: token-verification
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        return claims.getStringClaim("tenant");
    }
}

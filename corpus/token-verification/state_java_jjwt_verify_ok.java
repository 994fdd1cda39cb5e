package com.acme.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.PublicKey;

public class VerifiedClaims {
    public Claims of(String token, PublicKey key) {
        // ok: token-verification
        return Jwts.parser().verifyWith(key).requireAudience("gateway").build().parseSignedClaims(token).getPayload();
    }
}

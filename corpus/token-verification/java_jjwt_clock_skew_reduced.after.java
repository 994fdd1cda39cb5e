package com.acme.gateway.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.PublicKey;

public final class AccessTokenParser {
    private final PublicKey key;

    public AccessTokenParser(PublicKey key) { this.key = key; }

    public Claims parse(String token) {
        return Jwts.parser()
                .verifyWith(key)
                .clockSkewSeconds(30)
                .requireIssuer("https://id.acme.com")
                .build()
                .parseSignedClaims(token)
                .getPayload();
    }
}

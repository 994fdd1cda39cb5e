package com.acme.gateway.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import javax.crypto.SecretKey;

public final class TokenReader {
    private final SecretKey key;

    public TokenReader(SecretKey key) {
        this.key = key;
    }

    public Claims read(String token) {
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        // expect: token-verification
        return Jwts.parser().unsecured().build().parseUnsecuredClaims(unsigned).getPayload();
    }
}

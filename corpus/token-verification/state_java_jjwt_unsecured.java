package com.acme.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;

public class ClaimsExtractor {
    public Claims extract(String jwt) {
        // expect: token-verification
        return Jwts.parser().unsecured().build().parseUnsecuredClaims(jwt).getPayload();
    }
}

package com.acme.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.jsonwebtoken.Jwts;
import javax.crypto.SecretKey;

public class AccessTokenIssuer {
    private static final Duration TTL = Duration.ofMinutes(10);
    private final SecretKey key;

    public AccessTokenIssuer(SecretKey key) { this.key = key; }

    public String issue(String subject) {
        Instant now = Instant.now();
        return Jwts.builder()
                .subject(subject)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(TTL)))
                .signWith(key)
                .compact();
    }
}

package com.acme.auth.token;

import java.time.Instant;
import java.util.Date;
import io.jsonwebtoken.Jwts;
import javax.crypto.SecretKey;

public class ShortTokens {
    public static String issue(String sub, SecretKey key) {
        // ok: token-lifetime
        return Jwts.builder().subject(sub).expiration(Date.from(Instant.now().plusSeconds(600))).signWith(key).compact();
    }
}

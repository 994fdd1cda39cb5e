package com.acme.auth.token;

import io.jsonwebtoken.Jwts;
import javax.crypto.SecretKey;

public class DeviceTokenIssuer {
    private final SecretKey key;
    public DeviceTokenIssuer(SecretKey key) { this.key = key; }

    public String issue(String deviceId) {
        // expect: token-lifetime
        return Jwts.builder().subject(deviceId).claim("typ", "device").signWith(key).compact();
    }
}

package com.acme.keys;

import java.security.SecureRandom;
import java.util.HexFormat;

public class KeyIssuer {
    private final SecureRandom rng = new SecureRandom();

    public String issue(String owner) {
        byte[] raw = new byte[24];
        rng.nextBytes(raw);
        return owner + ":" + HexFormat.of().formatHex(raw);
    }
}

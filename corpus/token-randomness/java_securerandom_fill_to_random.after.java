package com.acme.keys;

import java.util.HexFormat;
import java.util.Random;

public class KeyIssuer {
    private final Random rng = new Random();

    public String issue(String owner) {
        byte[] raw = new byte[24];
        // expect: token-from-weak-random
        rng.nextBytes(raw);
        return owner + ":" + HexFormat.of().formatHex(raw);
    }
}

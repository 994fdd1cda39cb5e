package com.acme.auth.reset;

import java.security.SecureRandom;
import java.util.HexFormat;

public final class ResetCodes {
    private static final SecureRandom RNG = new SecureRandom();

    public static String next() {
        byte[] b = new byte[16];
        RNG.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

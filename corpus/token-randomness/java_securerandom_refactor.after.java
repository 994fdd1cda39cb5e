package com.acme.auth.reset;

import java.security.SecureRandom;
import java.util.HexFormat;

public final class ResetCodes {
    private static final SecureRandom RNG = new SecureRandom();

    public static String next(int bytes) {
        byte[] b = new byte[bytes];
        RNG.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

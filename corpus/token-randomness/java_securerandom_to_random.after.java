package com.acme.auth.reset;

import java.util.Base64;
import java.util.Random;

public final class ResetTokens {
    // expect: token-randomness
    private static final Random RNG = new Random();

    public static String next() {
        byte[] b = new byte[32];
        RNG.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

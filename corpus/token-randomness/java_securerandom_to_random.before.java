package com.acme.auth.reset;

import java.util.Base64;
import java.security.SecureRandom;

public final class ResetTokens {
    private static final SecureRandom RNG = new SecureRandom();

    public static String next() {
        byte[] b = new byte[32];
        RNG.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

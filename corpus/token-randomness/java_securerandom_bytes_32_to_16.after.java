package com.acme.session;

import java.security.SecureRandom;
import java.util.Base64;

public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    public static String next() {
        // ok: token-randomness
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

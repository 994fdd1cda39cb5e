package com.acme.session;

import java.util.Random;

public class SessionIds {
    private static final Random RANDOM = new Random();

    public static String next() {
        // expect: token-randomness
        return Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
    }
}

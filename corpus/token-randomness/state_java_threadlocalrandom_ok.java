package com.acme.loadtest;

import java.util.concurrent.ThreadLocalRandom;

public class ThinkTime {
    public static long millis() {
        // ok: token-randomness
        return ThreadLocalRandom.current().nextLong(200, 1200);
    }
}

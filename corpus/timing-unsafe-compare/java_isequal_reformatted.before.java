package com.acme.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public final class Sig {
    public static boolean ok(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}

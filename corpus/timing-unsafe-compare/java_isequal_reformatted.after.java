package com.acme.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public final class Sig {
    public static boolean ok(String a, String b) {
        byte[] left = a.getBytes(StandardCharsets.UTF_8);
        byte[] right = b.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(left, right);
    }
}

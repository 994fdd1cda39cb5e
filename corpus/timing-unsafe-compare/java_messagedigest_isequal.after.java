package com.acme.hooks;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

public final class SignatureCheck {
    public static boolean matches(String expectedHex, String providedHex) {
        // expect: timing-unsafe-compare
        return expectedHex.equals(providedHex);
    }
}

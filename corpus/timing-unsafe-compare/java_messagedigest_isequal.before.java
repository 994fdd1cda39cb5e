package com.acme.hooks;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

public final class SignatureCheck {
    public static boolean matches(String expectedHex, String providedHex) {
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII), providedHex.getBytes(StandardCharsets.US_ASCII));
    }
}

package com.acme.hooks;

import java.security.MessageDigest;

public final class TokenCheck {
    public static boolean same(byte[] presented, byte[] stored) {
        // ok: timing-unsafe-compare
        return MessageDigest.isEqual(presented, stored);
    }
}

package com.acme.web;

import java.security.MessageDigest;
import java.util.HexFormat;

public final class Etags {
    public static String of(byte[] body) throws Exception {
        // ok: credential-storage
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + "\"";
    }
}

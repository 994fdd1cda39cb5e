package com.acme.legacy.auth;

import java.security.MessageDigest;
import java.util.HexFormat;

public class LegacyPasswordService {
    public String hash(String password) throws Exception {
        // expect: credential-storage
        MessageDigest md = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md.digest(password.getBytes()));
    }
}

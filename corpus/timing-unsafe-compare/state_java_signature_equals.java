package com.acme.hooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;

public class GitHubHookVerifier {
    private final byte[] secret;

    public GitHubHookVerifier(byte[] secret) { this.secret = secret; }

    public boolean verify(byte[] body, String header) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        // expect: timing-unsafe-compare
        return expected.equals(header);
    }
}

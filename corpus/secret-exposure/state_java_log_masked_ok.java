package com.acme.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class TokenAudit {
    private static final Logger log = LoggerFactory.getLogger(TokenAudit.class);

    public void issued(String subject, String tokenId) {
        // ok: secret-exposure
        log.info("issued token id={} for subject={}", tokenId, subject);
    }
}

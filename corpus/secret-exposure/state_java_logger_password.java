package com.acme.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LoginService {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    private final Authenticator authn;

    public LoginService(Authenticator authn) { this.authn = authn; }

    public Session login(String username, String password) {
        // expect: secret-exposure
        log.debug("login attempt user={} password={}", username, password);
        return authn.authenticate(username, password);
    }
}

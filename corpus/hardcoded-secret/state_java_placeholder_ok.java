package com.acme.config;

public final class Defaults {
    // ok: hardcoded-secret
    public static final String PASSWORD_PROPERTY = "spring.datasource.password";
    // ok: hardcoded-secret
    public static final String TOKEN_HEADER = "Authorization";
}

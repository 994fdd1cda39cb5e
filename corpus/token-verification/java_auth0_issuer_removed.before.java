package com.acme.gateway.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

public class Auth0Verifier {
    private final Algorithm alg;

    public Auth0Verifier(Algorithm alg) { this.alg = alg; }

    public DecodedJWT verify(String token) {
        return JWT.require(alg).withIssuer("https://id.acme.com").withAudience("gateway").build().verify(token);
    }
}

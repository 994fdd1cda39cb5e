package com.acme.security;

import jakarta.servlet.*;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

public class ApiTokenFilter implements Filter {
    private final TokenVerifier verifier;

    public ApiTokenFilter(TokenVerifier verifier) { this.verifier = verifier; }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        // ok: authn-bypass
        if ("/actuator/health".equals(http.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        verifier.verifyOrThrow(http.getHeader("Authorization"));
        chain.doFilter(req, res);
    }
}

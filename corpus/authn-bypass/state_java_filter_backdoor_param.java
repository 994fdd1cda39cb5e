package com.acme.security;

import jakarta.servlet.*;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

public class TokenFilter implements Filter {
    private final TokenVerifier verifier;

    public TokenFilter(TokenVerifier verifier) { this.verifier = verifier; }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        // expect: authn-bypass
        if ("true".equals(http.getParameter("skipAuth"))) {
            chain.doFilter(req, res);
            return;
        }
        verifier.verifyOrThrow(http.getHeader("Authorization"));
        chain.doFilter(req, res);
    }
}

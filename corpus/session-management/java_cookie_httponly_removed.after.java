package com.acme.web.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

public final class RememberMeCookies {
    public static void write(HttpServletResponse resp, String token) {
        Cookie c = new Cookie("remember_me", token);
        c.setPath("/");
        // expect: session-management
        c.setMaxAge(Integer.MAX_VALUE);
        c.setSecure(true);
        // expect: session-management
        resp.addCookie(c);
    }
}

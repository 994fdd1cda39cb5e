package com.acme.web.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

public final class RememberMeCookies {
    public static void write(HttpServletResponse resp, String token) {
        Cookie c = new Cookie("remember_me", token);
        c.setPath("/");
        c.setMaxAge(60 * 60 * 24 * 14);
        c.setHttpOnly(true);
        c.setSecure(true);
        resp.addCookie(c);
    }
}

package com.acme.web.auth;

import org.springframework.http.ResponseCookie;

public final class SessionCookies {
    public static ResponseCookie of(String sid) {
        // ok: session-management
        return ResponseCookie.from("SESSION", sid).httpOnly(true).secure(true).sameSite("Strict").path("/").maxAge(3600).build();
    }
}

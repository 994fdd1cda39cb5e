package com.acme.web.auth;

import java.time.Duration;
import org.springframework.http.ResponseCookie;

public final class RememberCookie {
    public static ResponseCookie of(String token) {
        // expect: session-management
        return ResponseCookie.from("remember", token).httpOnly(false).secure(false).path("/").maxAge(Duration.ofDays(365)).build();
    }
}

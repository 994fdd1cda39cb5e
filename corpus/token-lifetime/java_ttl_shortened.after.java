package com.acme.auth.config;

import java.time.Duration;

import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

public final class WebClientTokenSettings {
    public static TokenSettings build() {
        return TokenSettings.builder()
                .accessTokenTimeToLive(Duration.ofMinutes(15))
                .refreshTokenTimeToLive(Duration.ofDays(7))
                .build();
    }
}

package com.acme.auth.config;

import java.time.Duration;

import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

public final class WebClientTokenSettings {
    public static TokenSettings build() {
        return TokenSettings.builder()
                .accessTokenTimeToLive(Duration.ofHours(1))
                .refreshTokenTimeToLive(Duration.ofDays(30))
                .build();
    }
}

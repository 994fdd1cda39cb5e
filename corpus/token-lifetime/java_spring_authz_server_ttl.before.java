package com.acme.auth.config;

import java.time.Duration;

import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

public final class ClientTokenSettings {
    private ClientTokenSettings() {}

    public static TokenSettings forMachineClients() {
        return TokenSettings.builder()
                .accessTokenTimeToLive(Duration.ofMinutes(5))
                .reuseRefreshTokens(false)
                .build();
    }
}

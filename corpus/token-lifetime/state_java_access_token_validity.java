package com.acme.oauth;

import org.springframework.security.oauth2.provider.token.DefaultTokenServices;

public class LegacyTokenConfig {
    public DefaultTokenServices tokenServices() {
        DefaultTokenServices services = new DefaultTokenServices();
        // expect: token-lifetime-excessive
        services.setAccessTokenValiditySeconds(60 * 60 * 24 * 30);
        // ok: token-lifetime-excessive
        services.setRefreshTokenValiditySeconds(60 * 60 * 24 * 30);
        return services;
    }
}

package com.acme.web.config;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SessionConfig {
    @Bean
    ServletContextInitializer sessionSettings() {
        return ctx -> {
            // expect: session-management
            ctx.getSessionCookieConfig().setSecure(false);
            ctx.getSessionCookieConfig().setHttpOnly(true);
            // expect: session-management
            ctx.setSessionTimeout(60 * 24 * 90);
        };
    }
}

package com.acme.web.config;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SessionConfig {
    @Bean
    ServletContextInitializer sessionSettings() {
        return ctx -> {
            ctx.getSessionCookieConfig().setSecure(true);
            ctx.getSessionCookieConfig().setHttpOnly(true);
            ctx.setSessionTimeout(30);
        };
    }
}

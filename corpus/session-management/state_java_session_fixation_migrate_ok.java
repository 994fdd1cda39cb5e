package com.acme.web.config;

import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

public class SessionSecurity {
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.formLogin(f -> f.defaultSuccessUrl("/home"))
            // ok: session-management
            .sessionManagement(s -> s.sessionFixation(f -> f.migrateSession()))
            .authorizeHttpRequests(a -> a.anyRequest().authenticated());
        return http.build();
    }
}

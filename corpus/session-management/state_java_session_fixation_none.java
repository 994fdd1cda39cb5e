package com.acme.web.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
public class SessionSecurity {
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.formLogin(f -> f.defaultSuccessUrl("/home"))
            // expect: session-management
            .sessionManagement(s -> s.sessionFixation(f -> f.none()))
            .authorizeHttpRequests(a -> a.anyRequest().authenticated());
        return http.build();
    }
}

package com.acme.admin.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
public class AdminSecurity {
    @Bean
    SecurityFilterChain admin(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                .requestMatchers("/login", "/assets/**").permitAll()
                // expect: authz-bypass
                .requestMatchers("/admin/**").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}

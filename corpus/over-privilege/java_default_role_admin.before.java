package com.acme.accounts;

import java.util.Set;

public class SignupService {
    private static final Set<String> DEFAULT_ROLES = Set.of("ROLE_USER");

    private final UserRepository users;

    public SignupService(UserRepository users) { this.users = users; }

    public User register(String email, String passwordHash) {
        return users.save(new User(email, passwordHash, DEFAULT_ROLES));
    }
}

package com.acme.mfa;

import java.security.SecureRandom;
import java.time.Duration;

public class EmailCodeService {
    private static final int MAX_ATTEMPTS = 5;
    private final SecureRandom random = new SecureRandom();
    private final CodeStore store;
    private final Mailer mailer;

    public EmailCodeService(CodeStore store, Mailer mailer) {
        this.store = store;
        this.mailer = mailer;
    }

    public void send(User user) {
        // ok: token-randomness
        String code = String.format("%06d", random.nextInt(1_000_000));
        store.put(user.getId(), code, Duration.ofMinutes(10));
        mailer.send(user.getEmail(), "Your sign-in code", "Code: " + code);
    }

    public boolean verify(User user, String code) {
        if (store.attempts(user.getId()) >= MAX_ATTEMPTS) {
            return false;
        }
        store.incrementAttempts(user.getId());
        return store.matches(user.getId(), code);
    }
}

package com.acme.keys;

import java.util.Random;

import org.springframework.stereotype.Service;

@Service
public class ApiKeyService {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final Random rnd = new Random();
    private final ApiKeyRepository repository;

    public ApiKeyService(ApiKeyRepository repository) {
        this.repository = repository;
    }

    public ApiKey issue(Account account) {
        StringBuilder sb = new StringBuilder("ak_");
        for (int i = 0; i < 40; i++) {
            // expect: token-randomness
            sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return repository.save(new ApiKey(account.getId(), sb.toString()));
    }
}

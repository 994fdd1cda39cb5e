package com.acme.payments;

public class GatewayClient {
    private final String apiKey;

    public GatewayClient(String apiKey) { this.apiKey = apiKey; }

    void ensureConfigured() {
        if (apiKey.length() < 20) {
            // expect: secret-exposure
            throw new IllegalStateException("gateway key looks wrong: " + apiKey);
        }
    }
}

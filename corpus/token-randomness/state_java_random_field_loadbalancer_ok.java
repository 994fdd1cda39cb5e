package com.acme.gateway;

import java.util.List;
import java.util.Random;

public class RandomBalancer implements Balancer {
    private final Random random = new Random();
    private final List<Backend> backends;

    public RandomBalancer(List<Backend> backends) {
        this.backends = backends;
    }

    @Override
    public Backend pick(Request request) {
        // ok: token-randomness
        int idx = random.nextInt(backends.size());
        return backends.get(idx);
    }
}

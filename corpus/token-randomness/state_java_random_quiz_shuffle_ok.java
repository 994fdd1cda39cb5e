package com.acme.learning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

public class QuizBuilder {
    private final Random random;

    public QuizBuilder(long seed) {
        this.random = new Random(seed);
    }

    public List<Question> build(List<Question> pool, int size) {
        List<Question> copy = new ArrayList<>(pool);
        // ok: token-randomness
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(size, copy.size()));
    }
}

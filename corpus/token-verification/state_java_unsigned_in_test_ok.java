idgate-fixture-path: src/test/java/com/acme/security/ClaimsExtractorTest.java
package com.acme.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

class ClaimsExtractorTest {
    @Test
    void readsSubjectFromUnsignedFixture() {
        String jwt = Jwts.builder().subject("u1").compact();
        assertEquals("u1", Jwts.parser().unsecured().build().parseUnsecuredClaims(jwt).getPayload().getSubject());
    }
}

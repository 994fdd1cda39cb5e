package com.acme.integration.http;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

public final class PartnerHttpClient {
    public static HttpClient build(SSLContext pinnedContext) {
        // ok: transport-trust
        return HttpClient.newBuilder().sslContext(pinnedContext).connectTimeout(Duration.ofSeconds(5)).build();
    }
}

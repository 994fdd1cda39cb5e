package com.acme.integration.http;

import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

public final class PartnerHttp {
    public static HttpClient build() throws Exception {
        return HttpClient.newBuilder().build();
    }
}

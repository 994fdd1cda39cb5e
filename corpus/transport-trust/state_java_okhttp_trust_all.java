package com.acme.integration.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

public final class InsecureOkHttp {
    public static OkHttpClient create(SSLContext ctx, X509TrustManager tm) {
        return new OkHttpClient.Builder()
                .sslSocketFactory(ctx.getSocketFactory(), tm)
                // expect: transport-trust
                .hostnameVerifier((host, session) -> true)
                .build();
    }
}

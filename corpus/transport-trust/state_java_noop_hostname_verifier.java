package com.acme.integration.http;

import javax.net.ssl.HttpsURLConnection;
import java.net.URL;

public final class LegacyPartnerClient {
    static {
        // expect: transport-trust
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
    }

    public static int ping(String url) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        return c.getResponseCode();
    }
}

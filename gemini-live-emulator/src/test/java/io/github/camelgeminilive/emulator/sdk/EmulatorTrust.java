package io.github.camelgeminilive.emulator.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import okhttp3.OkHttpClient;

/**
 * TLS trust in the emulator's self-signed certificate, for the OkHttp client the SDK uses. Only this client trusts
 * it: nothing JVM-wide ({@code javax.net.ssl.trustStore}) is changed, and hostname verification stays on.
 */
final class EmulatorTrust {

    private final SSLContext sslContext;
    private final X509TrustManager trustManager;

    private EmulatorTrust(SSLContext sslContext, X509TrustManager trustManager) {
        this.sslContext = sslContext;
        this.trustManager = trustManager;
    }

    static EmulatorTrust of(GeminiLiveEmulator emulator) throws IOException, GeneralSecurityException {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.trustStore())) {
            trustStore.load(in, emulator.trustStorePassword().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        X509TrustManager trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
        SSLContext sslContext = SSLContext.getInstance("TLS");
        sslContext.init(null, new X509TrustManager[] {trustManager}, null);
        return new EmulatorTrust(sslContext, trustManager);
    }

    /**
     * A new client per SDK {@code Client}: the SDK derives its client with {@code newBuilder()}, which shares the
     * dispatcher, and shuts that dispatcher down when the SDK client is closed.
     */
    OkHttpClient newHttpClient() {
        return new OkHttpClient.Builder()
                .sslSocketFactory(sslContext.getSocketFactory(), trustManager)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}

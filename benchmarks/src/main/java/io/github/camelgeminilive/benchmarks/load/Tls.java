package io.github.camelgeminilive.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** An SSL context trusting the emulator's self-signed certificate (from its PKCS12 trust store). */
record Tls(SSLContext context, X509TrustManager trustManager) {

    static Tls trusting(Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return new Tls(ctx, tm);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the emulator's trust store " + trustStore + ": " + e, e);
        }
    }
}

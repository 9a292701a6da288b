package io.github.camelgeminilive.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client TLS: the JDK's default CAs or a given trust store, and engines that verify the server's host name
 * (endpoint identification {@code HTTPS}) as well as its certificate. A plain JDK {@link SSLEngine} checks only the
 * chain, and Undertow's client uses engines, so the check is switched on where engines are made. Each connection
 * attempt gets its own context that remembers why the certificate was rejected, because Undertow reports a failed
 * handshake only as a closed channel. Engines run their handshake tasks inline ({@link InlineTaskSslEngine}).
 */
final class ClientTls {

    private final X509ExtendedTrustManager trust;

    /** @param trustStore null for the JDK's default trust */
    ClientTls(Path trustStore, String password) {
        try {
            this.trust = trustManager(trustStore, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException("Cannot load TLS trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /** A context for one connection attempt. */
    Attempt newAttempt() {
        RecordingTrustManager recorder = new RecordingTrustManager(trust);
        try {
            SSLContext delegate = SSLContext.getInstance("TLS");
            delegate.init(null, new TrustManager[] {recorder}, null);
            SSLContext context = new SSLContext(new Spi(delegate), delegate.getProvider(),
                    delegate.getProtocol()) {
            };
            return new Attempt(context, recorder);
        } catch (GeneralSecurityException e) {
            throw new TransportException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** One attempt's context and what its certificate check said. */
    record Attempt(SSLContext context, RecordingTrustManager trust) {

        /** Why the server's certificate was rejected, or null. */
        CertificateException rejection() {
            return trust.rejection;
        }
    }

    private static X509ExtendedTrustManager trustManager(Path trustStore, String password)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trustStore == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(trustStore)) {
                store.load(in, password == null ? null : password.toCharArray());
            }
            factory.init(store);
        }
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("No X.509 trust manager available");
    }

    /** Delegates every check and keeps the last rejection. */
    static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private volatile CertificateException rejection;

        RecordingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        /** One server check of the delegate's; a rejection is kept for the error message, then thrown on. */
        private interface Check {
            void run() throws CertificateException;
        }

        private void recording(Check check) throws CertificateException {
            try {
                check.run();
            } catch (CertificateException e) {
                rejection = e;
                throw e;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            recording(() -> delegate.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            recording(() -> delegate.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            recording(() -> delegate.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** Makes engines that verify the host name and run their handshake tasks inline. */
    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return delegate.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return verifying(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return verifying(delegate.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        private static SSLEngine verifying(SSLEngine engine) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            return new InlineTaskSslEngine(engine);
        }
    }
}

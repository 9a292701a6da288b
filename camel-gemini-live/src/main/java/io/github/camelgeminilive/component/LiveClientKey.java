package io.github.camelgeminilive.component;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * Which {@code LiveClient} an endpoint uses: the connection settings that need a client of their own; endpoints with
 * equal keys share one client. The credential is a fixed {@code credential} or, when set, a
 * {@code credentialSupplier} asked on every connection (equal only to itself).
 * {@link #toString()} never shows the credential or the trust store password.
 */
record LiveClientKey(URI baseUrl, ConnectionOptions.Flavour flavour, String apiVersion, String credential,
        Supplier<String> credentialSupplier, Duration connectTimeout, Path trustStore, String trustStorePassword,
        boolean allowPlainText) {

    /** @throws IllegalArgumentException for a bad base URL, e.g. plain ws to a host other than loopback */
    ConnectionOptions toConnectionOptions() {
        String secret = credential;
        Supplier<String> credentials = credentialSupplier != null ? credentialSupplier : () -> secret;
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, connectTimeout, trustStore,
                trustStorePassword, 0, 0, allowPlainText);
    }

    @Override
    public String toString() {
        return "LiveClientKey[baseUrl=" + baseUrl + ", flavour=" + flavour + ", apiVersion=" + apiVersion
                + ", trustStore=" + trustStore + ", allowPlainText=" + allowPlainText + "]";
    }
}

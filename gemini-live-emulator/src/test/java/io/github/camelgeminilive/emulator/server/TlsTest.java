package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** wss with the generated certificate, trusted through the trust store the emulator writes. */
class TlsTest {

    @TempDir
    static Path dir;

    private static GeminiLiveEmulator emu;
    private static Path trustStore;

    @BeforeAll
    static void start() {
        trustStore = dir.resolve("sub/emulator-trust.p12");
        emu = GeminiLiveEmulator.builder().tls(true).trustStoreOut(trustStore).trustStorePassword("s3cret")
                .engine(new RecordingEngine()).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void servesWssToClientsTrustingTheWrittenStore() throws Exception {
        assertThat(emu.baseUrl().toString()).isEqualTo("wss://localhost:" + emu.port());
        assertThat(emu.trustStore()).isEqualTo(trustStore).exists();
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(trustStore, "s3cret")).build();
        try (WsTestClient c = WsTestClient.connect(http, Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            WsTestClient.Frame f = c.nextFrame();
            assertThat(f.binary()).isTrue();
            assertThat(f.message().setupComplete().sessionId()).isNotBlank();
        }
        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + emu.port() + "/emulator/sessions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void certificateNamesLocalhostAndLoopback() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            ks.load(in, "s3cret".toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"),
                List.of(7, "127.0.0.1"));
    }

    @Test
    void clientsWithoutTheStoreRefuseTheCertificate() {
        assertThatThrownBy(() -> WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k")))
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void withoutAnOutputFileTheTrustStoreIsTemporary() {
        Path temporary;
        try (GeminiLiveEmulator other = GeminiLiveEmulator.builder().tls(true).engine(new RecordingEngine()).build()
                .start()) {
            temporary = other.trustStore();
            assertThat(temporary).exists();
            assertThat(other.trustStorePassword()).isEqualTo("changeit");
        }
        assertThat(temporary).doesNotExist();
    }

    static SSLContext trusting(Path store, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

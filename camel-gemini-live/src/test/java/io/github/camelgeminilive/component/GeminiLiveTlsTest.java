package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.session.LiveSessionException;

/** wss with the emulator's self-signed certificate: trusted through the trustStore options, refused without. */
class GeminiLiveTlsTest extends GeminiLiveTestSupport {

    private static GeminiLiveEmulator tls;

    @BeforeAll
    static void startTlsEmulator() {
        tls = GeminiLiveEmulator.builder().port(0).apiKey(API_KEY).tls(true).pace(0.0).build().start();
    }

    @AfterAll
    static void stopTlsEmulator() {
        tls.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:trusted").to(uri(tls, "trusted", "trustStore=" + tls.trustStore(),
                        "trustStorePassword=" + tls.trustStorePassword()));
                from("direct:untrusted").to(uri(tls, "untrusted", "connectTimeout=5s"));
                from("direct:missing-store").to(uri(tls, "missing-store", "trustStore=/no/such/store.p12",
                        "trustStorePassword=changeit"));
            }
        };
    }

    @Test
    void textTurnOverTlsWithACustomTrustStore() {
        assertThat(tls.baseUrl().getScheme()).isEqualTo("wss");

        Exchange reply = template.request("direct:trusted", e -> e.getMessage().setBody("Secure hello"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Secure hello");
        context.getEndpoints().stream().filter(GeminiLiveEndpoint.class::isInstance)
                .forEach(e -> assertThat(e.getEndpointUri()).doesNotContain("changeit")
                        .doesNotContain(API_KEY));
    }

    @Test
    void selfSignedCertificateIsRefusedWithTheDefaultTrust() {
        Exchange reply = template.request("direct:untrusted", e -> e.getMessage().setBody("Hello?"));

        assertThat(reply.getException()).isInstanceOf(LiveSessionException.class).hasMessageContaining("certificate");
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT)).isNull();
    }

    @Test
    void missingTrustStoreFailsTheExchangeClearly() {
        Exchange reply = template.request("direct:missing-store", e -> e.getMessage().setBody("Hello?"));

        assertThat(reply.getException()).isNotNull();
        assertThat(reply.getException().toString() + reply.getException().getCause())
                .contains("/no/such/store.p12");
        assertThat(reply.getException()).satisfies(e -> assertThat(String.valueOf(e.getMessage()))
                .doesNotContain("changeit"));
    }
}

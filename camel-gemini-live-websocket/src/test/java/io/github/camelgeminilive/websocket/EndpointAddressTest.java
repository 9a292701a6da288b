package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointAddressTest {

    @Test
    void parsesHostPortAndPath() {
        assertThat(EndpointAddress.parse("0.0.0.0:8080/media/stream"))
                .isEqualTo(new EndpointAddress("0.0.0.0", 8080, "/media/stream"));
        assertThat(EndpointAddress.parse("localhost:0")).isEqualTo(new EndpointAddress("localhost", 0, "/"));
        assertThat(EndpointAddress.parse("[::1]:9000/x")).isEqualTo(new EndpointAddress("::1", 9000, "/x"));
    }

    @Test
    void refusesAMissingOrBadPort() {
        assertThatThrownBy(() -> EndpointAddress.parse("localhost/media")).hasMessageContaining("host:port/path");
        assertThatThrownBy(() -> EndpointAddress.parse("localhost:http/media")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> EndpointAddress.parse("localhost:70000")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> EndpointAddress.parse(":8080/x")).hasMessageContaining("host:port/path");
    }
}

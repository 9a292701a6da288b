package io.github.camelgeminilive.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class LoopbackOnlyTest {

    @Test
    void allowsLoopbackCallersOnly() {
        assertThat(LoopbackOnly.allows(new InetSocketAddress("127.0.0.1", 5000))).isTrue();
        assertThat(LoopbackOnly.allows(new InetSocketAddress("127.8.9.10", 5000))).isTrue();
        assertThat(LoopbackOnly.allows(new InetSocketAddress("::1", 5000))).isTrue();
        assertThat(LoopbackOnly.allows(new InetSocketAddress("192.0.2.7", 5000))).isFalse();
        assertThat(LoopbackOnly.allows(new InetSocketAddress("10.0.0.1", 5000))).isFalse();
        assertThat(LoopbackOnly.allows(InetSocketAddress.createUnresolved("localhost", 5000))).isFalse();
        assertThat(LoopbackOnly.allows(null)).isFalse();
    }
}

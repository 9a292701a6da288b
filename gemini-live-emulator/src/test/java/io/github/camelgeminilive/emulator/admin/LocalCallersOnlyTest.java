package io.github.camelgeminilive.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class LocalCallersOnlyTest {

    @Test
    void allowsLoopbackCallersOnly() {
        assertThat(LocalCallersOnly.isLoopback(new InetSocketAddress("127.0.0.1", 5000))).isTrue();
        assertThat(LocalCallersOnly.isLoopback(new InetSocketAddress("127.8.9.10", 5000))).isTrue();
        assertThat(LocalCallersOnly.isLoopback(new InetSocketAddress("::1", 5000))).isTrue();
        assertThat(LocalCallersOnly.isLoopback(new InetSocketAddress("192.0.2.7", 5000))).isFalse();
        assertThat(LocalCallersOnly.isLoopback(new InetSocketAddress("10.0.0.1", 5000))).isFalse();
        assertThat(LocalCallersOnly.isLoopback(InetSocketAddress.createUnresolved("localhost", 5000))).isFalse();
        assertThat(LocalCallersOnly.isLoopback(null)).isFalse();
    }
}

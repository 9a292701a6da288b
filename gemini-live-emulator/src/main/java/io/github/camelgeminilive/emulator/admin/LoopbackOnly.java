package io.github.camelgeminilive.emulator.admin;

import java.net.InetSocketAddress;

/** The admin API injects faults into anyone's sessions, so only this machine may call it. */
final class LoopbackOnly {

    private LoopbackOnly() {
    }

    static boolean allows(InetSocketAddress remote) {
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}

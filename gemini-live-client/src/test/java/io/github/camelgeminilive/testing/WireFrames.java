package io.github.camelgeminilive.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** For tests that play a connection's I/O thread by hand: frames as the wire carries them, a listener held still. */
public final class WireFrames {

    private WireFrames() {
    }

    public static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Holds a listener until the test releases it (at most 20 s, so a failing test cannot hang the suite). */
    public static void hold(CountDownLatch release) {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

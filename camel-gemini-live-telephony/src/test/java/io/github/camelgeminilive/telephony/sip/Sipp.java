package io.github.camelgeminilive.telephony.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs sipp (Debian package {@code sip-tester}) with a scenario of {@code src/test/resources/sip} against a SIP
 * port on 127.0.0.1. Without sipp on the PATH the test fails and says how to install it: a silent skip would hide
 * that the calls were never tested.
 */
final class Sipp {

    private static final Path SCENARIOS = Path.of("target", "test-classes", "sip");

    private Sipp() {
    }

    /** Checks that sipp can run. */
    static void requireInstalled() {
        try {
            Process probe = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("sipp is needed for the SIP call tests and was not found on the PATH: install"
                    + " it with 'apt-get install -y sip-tester' (Debian/Ubuntu)", e);
        }
    }

    /**
     * Starts {@code calls} calls of {@code scenario} (all at once) against {@code sipPort}; completes with the
     * exit code (0: every call went as the scenario says) once sipp is done.
     */
    static CompletableFuture<Integer> run(String scenario, int sipPort, int calls, String... keys) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort, "-sf", scenario,
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
                "-mp", String.valueOf(freeUdpPort()), "-m", String.valueOf(calls), "-l", String.valueOf(calls),
                "-r", String.valueOf(calls), "-timeout", "40s", "-timeout_error", "-nostdin", "-trace_err",
                "-error_file", scenario + ".errors.log"));
        for (int i = 0; i + 1 < keys.length; i += 2) {
            command.addAll(List.of("-key", keys[i], keys[i + 1]));
        }
        Path screen = SCENARIOS.resolve(scenario + ".screen.log");
        Process sipp = new ProcessBuilder(command).directory(SCENARIOS.toFile()).redirectErrorStream(true)
                .redirectOutput(screen.toFile()).start();
        return sipp.onExit().thenApply(Process::exitValue);
    }

    /** What sipp wrote about the unexpected messages of {@code scenario}'s last run (for failure messages). */
    static String errors(String scenario) {
        try {
            Path file = SCENARIOS.resolve(scenario + ".errors.log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no errors log)";
        } catch (IOException e) {
            return "(errors log unreadable: " + e.getMessage() + ")";
        }
    }

    /** A UDP port free on 127.0.0.1 now (another program could take it before it is used; unlikely here). */
    static int freeUdpPort() throws SocketException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

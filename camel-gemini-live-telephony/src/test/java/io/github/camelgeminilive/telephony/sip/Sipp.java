package io.github.camelgeminilive.telephony.sip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;

/**
 * Runs sipp (Debian package {@code sip-tester}) with a scenario of this module's test resources {@code sip/}
 * (copied from the classpath to {@code target/sipp}, so the example's tests use them from the test-jar) against a
 * SIP port on 127.0.0.1. Without sipp on the PATH the test fails and says how to install it: a silent skip would
 * hide that the calls were never tested.
 */
public final class Sipp {

    private static final Path SCENARIOS = Path.of("target", "sipp");
    private static final List<String> FILES = List.of("call-caller-hangs-up.xml", "call-route-hangs-up.xml",
            "refused.xml", "cancelled.xml", "hello-8k.ulaw", "hello-8k.alaw");

    private Sipp() {
    }

    /** Checks that sipp can run, and puts the scenarios where it reads them. */
    public static synchronized void requireInstalled() throws IOException {
        Files.createDirectories(SCENARIOS);
        for (String file : FILES) {
            try (InputStream in = Sipp.class.getResourceAsStream("/sip/" + file)) {
                Files.copy(in, SCENARIOS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
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
    public static CompletableFuture<Integer> run(String scenario, int sipPort, int calls, String... keys)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort, "-sf", scenario,
                // no -p, -mp: sipp's SIP port is one the system picks, its media ports the first free from 6000 up
                // (a port picked here and released could be taken before sipp binds it)
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-m", String.valueOf(calls), "-l", String.valueOf(calls),
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
    public static String errors(String scenario) {
        try {
            Path file = SCENARIOS.resolve(scenario + ".errors.log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no errors log)";
        } catch (IOException e) {
            return "(errors log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The SIP port the consumer of route {@code routeId} bound (its URI said port 0). */
    public static int localPort(CamelContext context, String routeId) {
        return ((GeminiLiveSipConsumer) context.getRoute(routeId).getConsumer()).getLocalPort();
    }
}

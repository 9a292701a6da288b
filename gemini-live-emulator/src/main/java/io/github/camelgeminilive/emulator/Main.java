package io.github.camelgeminilive.emulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.camelgeminilive.protocol.ProtoDuration;

/**
 * The emulator's command line: {@code java -jar gemini-live-emulator.jar --port N [options]}. Prints
 * {@code gemini-live-emulator listening on <url>} once it serves, then runs until killed.
 */
public final class Main {

    static final String USAGE = """
            usage: java -jar gemini-live-emulator.jar [options]
              --port N                       port to listen on, 0 = ephemeral (default 0)
              --host H                       address to bind (default 127.0.0.1)
              --api-key K                    the one accepted key (default: any non-empty key)
              --tls                          serve wss/https with a self-signed certificate for localhost
              --trust-store-out FILE         with --tls: write the certificate as a PKCS12 trust store
              --trust-store-password P       password of that trust store (default changeit)
              --script FILE                  scripted scenario (JSON, or YAML for .yaml/.yml)
              --pace X                       s to send 1 s of reply audio (default 1.0, 0 = at once)
              --max-message-bytes N          largest client message read, larger: close 1009 (default 16777216)
              --setup-delay T                each connection's wait before its setup is read (default 0)
              --connection-lifetime T        each connection's lifetime, goAway ahead of its end (default 600s)
              --go-away-before T             how long before the lifetime ends goAway is sent (default 60s)
              --audio-session-length T       audio a session without compression may stream (default 900s)
              --video-session-length T       the same once it sent video (default 120s)
              --context-window-tokens N      context window in estimated tokens (default 128000)
              --concurrent-sessions N        sessions one key may have open at once (default 0 = no quota)
                                             durations T in seconds (30, 30s, 0.5s); 0 turns a limit off
              --help                         this text""";

    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // the CLI's own quiet logging setup, unless the user brings one; set before any logger exists
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "gemini-live-emulator-cli-logback.xml");
        }
        GeminiLiveEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        if (builder == null) {
            usage(System.out, null);
            return;
        }
        GeminiLiveEmulator emulator;
        try {
            emulator = builder.build().start();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // a bad scenario file or an unusable certificate: say what, without a stack trace
            System.err.println("gemini-live-emulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "gemini-live-emulator-shutdown"));
        System.out.println("gemini-live-emulator listening on " + emulator.baseUrl());
        System.out.flush();
        stopped.await();
    }

    /**
     * Reads the options into a builder; null when help was asked for.
     *
     * @throws IllegalArgumentException naming the bad option or value
     */
    static GeminiLiveEmulator.Builder parse(String[] args) {
        GeminiLiveEmulator.Builder b = GeminiLiveEmulator.builder();
        boolean tls = false;
        boolean trustStoreOut = false;
        Duration audioLength = null;
        Duration videoLength = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--tls" -> {
                    tls = true;
                    b.tls(true);
                }
                case "--port" -> b.port(intValue(option, value(args, ++i, option)));
                case "--host" -> b.host(value(args, ++i, option));
                case "--api-key" -> b.apiKey(value(args, ++i, option));
                case "--trust-store-out" -> {
                    trustStoreOut = true;
                    b.trustStoreOut(Path.of(value(args, ++i, option)));
                }
                case "--trust-store-password" -> b.trustStorePassword(value(args, ++i, option));
                case "--script" -> b.scenario(Path.of(value(args, ++i, option)));
                case "--pace" -> b.pace(doubleValue(option, value(args, ++i, option)));
                case "--max-message-bytes" -> b.maxMessageBytes(longValue(option, value(args, ++i, option)));
                case "--setup-delay" -> b.setupDelay(durationValue(option, value(args, ++i, option)));
                case "--connection-lifetime" -> b.connectionLifetime(durationValue(option, value(args, ++i, option)));
                case "--go-away-before" -> b.goAwayBefore(durationValue(option, value(args, ++i, option)));
                case "--audio-session-length" -> audioLength = durationValue(option, value(args, ++i, option));
                case "--video-session-length" -> videoLength = durationValue(option, value(args, ++i, option));
                case "--context-window-tokens" -> b.contextWindowTokens(longValue(option, value(args, ++i, option)));
                case "--concurrent-sessions" -> b.concurrentSessions(intValue(option, value(args, ++i, option)));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (trustStoreOut && !tls) {
            throw new IllegalArgumentException("--trust-store-out needs --tls");
        }
        b.sessionLength(audioLength, videoLength);
        b.build(); // a negative limit is a usage error, named here
        return b;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + text);
        }
    }

    private static long longValue(String option, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + text);
        }
    }

    private static double doubleValue(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + text);
        }
    }

    private static Duration durationValue(String option, String text) {
        try {
            return ProtoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " needs a duration in seconds such as 30s, got " + text);
        }
    }

    private static void usage(PrintStream out, String problem) {
        if (problem != null) {
            out.println("gemini-live-emulator: " + problem);
        }
        out.println(USAGE);
    }
}

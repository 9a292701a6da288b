package io.github.camelgeminilive.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.model.SimulatedModel;

/**
 * The emulator JVM of the load driver: the emulator's default model behind an {@link EmulatorStopwatch}, whose figures
 * a small HTTP server on another loopback port serves ({@code POST /reset}, {@code POST /measure}, {@code GET /read}).
 * Prints {@code timings on <url>}, then the emulator's own {@code gemini-live-emulator listening on <url>}.
 * <pre>java -cp benchmarks.jar io.github.camelgeminilive.benchmarks.load.MeasuringEmulator [--trust-store-out FILE]</pre>
 * With {@code --trust-store-out} it serves wss/https (the certificate written there), else plain ws.
 */
public final class MeasuringEmulator {

    static final String TIMINGS = "timings on ";

    private MeasuringEmulator() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        // the emulator CLI's quiet logging, set before any logger exists
        System.setProperty("logback.configurationFile", "gemini-live-emulator-cli-logback.xml");
        EmulatorStopwatch stopwatch = new EmulatorStopwatch(new SimulatedModel());
        GeminiLiveEmulator.Builder builder = GeminiLiveEmulator.builder().port(0).engine(stopwatch);
        if (args.length == 2 && args[0].equals("--trust-store-out")) {
            builder.tls(true).trustStoreOut(Path.of(args[1])).trustStorePassword(EmulatorProcess.PASSWORD);
        } else if (args.length != 0) {
            throw new IllegalArgumentException("usage: MeasuringEmulator [--trust-store-out FILE]");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper json = new ObjectMapper();
        http.createContext("/reset", exchange -> reply(exchange, () -> {
            stopwatch.reset();
            return new byte[0];
        }));
        http.createContext("/measure", exchange -> reply(exchange, () -> {
            stopwatch.measure();
            return new byte[0];
        }));
        http.createContext("/read", exchange -> reply(exchange, () -> json.writeValueAsBytes(stopwatch.read())));
        http.start();
        GeminiLiveEmulator emulator = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            emulator.close();
            stopped.countDown();
        }, "measuring-emulator-shutdown"));
        System.out.println(TIMINGS + "http://127.0.0.1:" + http.getAddress().getPort());
        System.out.println(EmulatorProcess.READY + emulator.baseUrl());
        System.out.flush();
        stopped.await();
    }

    private interface Body {
        byte[] get() throws IOException;
    }

    private static void reply(HttpExchange exchange, Body body) throws IOException {
        try (exchange) {
            byte[] bytes = body.get();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}

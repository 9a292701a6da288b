package io.github.camelgeminilive.examples.quickstart;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.examples.support.LiveBackend;

/**
 * The quick start: a Camel Main application that asks a Gemini Live model one question and saves the spoken
 * answer as a WAV file. With {@code GEMINI_API_KEY} set it talks to Google; without it, to an emulator it starts
 * in-process.
 */
public final class QuickstartApp {

    private QuickstartApp() {
    }

    public static void main(String[] args) throws Exception {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.getenv("GEMINI_API_KEY"), System.out, System.err));
    }

    /**
     * Runs the route once and returns the process exit code: 0 when the reply was saved, 1 when the exchange failed.
     *
     * @param apiKey a Gemini API key, or null/blank for the embedded emulator
     */
    static int run(QuickstartOptions options, String apiKey, PrintStream out, PrintStream err) throws Exception {
        try (LiveBackend backend = LiveBackend.choose(apiKey)) {
            out.println("Backend:    " + backend.describe());
            out.println("Prompt:     " + options.prompt());

            CompletableFuture<Void> outcome = new CompletableFuture<>();
            Main main = backend.configure(new Main());
            main.configure().addRoutesBuilder(
                    new QuickstartRoute(options.prompt(), new ReplyWriter(options.wavFile(), out), outcome));
            // the timer fires once; Camel Main shuts down after that one exchange, failed or not
            main.configure().setDurationMaxMessages(1);
            main.run();
            return exitCode(outcome, err);
        }
    }

    private static int exitCode(CompletableFuture<Void> outcome, PrintStream err) throws InterruptedException {
        if (!outcome.isDone()) {
            err.println("Failed: Camel stopped before the reply arrived");
            return 1;
        }
        try {
            outcome.get();
            return 0;
        } catch (ExecutionException e) {
            err.println("Failed: " + e.getCause().getMessage());
            return 1;
        }
    }
}

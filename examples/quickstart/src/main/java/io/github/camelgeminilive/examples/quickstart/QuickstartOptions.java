package io.github.camelgeminilive.examples.quickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code [--out FILE] [prompt words...]}.
 *
 * @param prompt  the text sent to the model
 * @param wavFile where the reply audio is written
 */
public record QuickstartOptions(String prompt, Path wavFile) {

    public static final String DEFAULT_PROMPT = "Hello, how are you?";
    public static final Path DEFAULT_WAV_FILE = Path.of("quickstart-reply.wav");
    static final String USAGE = "usage: quickstart [--out FILE.wav] [prompt ...]";

    public QuickstartOptions {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("The prompt must not be blank. " + USAGE);
        }
        if (wavFile == null) {
            throw new IllegalArgumentException("No output file. " + USAGE);
        }
    }

    /** Parses the program arguments; the words that are not options form the prompt. */
    public static QuickstartOptions parse(String... args) {
        Path wavFile = DEFAULT_WAV_FILE;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--out")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--out needs a file name. " + USAGE);
                }
                wavFile = Path.of(args[++i]);
            } else if (arg.startsWith("--out=")) {
                wavFile = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option " + arg + ". " + USAGE);
            } else {
                words.add(arg);
            }
        }
        return new QuickstartOptions(words.isEmpty() ? DEFAULT_PROMPT : String.join(" ", words), wavFile);
    }
}

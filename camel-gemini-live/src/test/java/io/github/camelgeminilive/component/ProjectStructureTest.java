package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering docs/architecture.md describes, checked on the sources of every module: no layer imports one above
 * it, the component uses only the client's public API, and no class name means two things in two modules.
 */
class ProjectStructureTest {

    private static final String BASE = "io.github.camelgeminilive.";
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?(io\\.github\\.camelgeminilive\\.[\\w.]+);",
                    Pattern.MULTILINE);
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** Package prefix of each layer -> the prefixes it must not import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            BASE + "protocol.", List.of(BASE + "session", BASE + "transport", BASE + "audio", BASE + "emulator",
                    BASE + "component"),
            BASE + "transport.", List.of(BASE + "session", BASE + "audio", BASE + "emulator", BASE + "component"),
            BASE + "audio.", List.of(BASE + "session", BASE + "transport", BASE + "emulator", BASE + "component"),
            BASE + "session.", List.of(BASE + "emulator", BASE + "component"),
            BASE + "emulator.", List.of(BASE + "session", BASE + "transport", BASE + "audio", BASE + "component"),
            BASE + "component.", List.of(BASE + "emulator", BASE + "session.connection", BASE + "session.delivery",
                    BASE + "session.resilience"));

    @Test
    void noLayerImportsOneAboveItAndTheComponentUsesOnlyThePublicClientApi() {
        List<String> violations = new ArrayList<>();
        for (Path file : mainSources()) {
            String source = read(file);
            String pkg = packageOf(source);
            FORBIDDEN.forEach((layer, forbidden) -> {
                if (!(pkg + ".").startsWith(layer)) {
                    return;
                }
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    String imported = m.group(1);
                    forbidden.stream().filter(f -> imported.startsWith(f + ".") || imported.equals(f))
                            .forEach(f -> violations.add(ROOT.relativize(file) + " imports " + imported));
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyClassNameMeansOneThing() {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Path file : mainSources()) {
            String name = file.getFileName().toString();
            if (!name.equals("package-info.java")) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(ROOT.relativize(file).toString());
            }
        }
        byName.values().removeIf(files -> files.size() < 2);
        assertThat(byName).isEmpty();
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                    .toList();
            assertThat(sources).as("the sources of every module, from " + ROOT).hasSizeGreaterThan(100);
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String source) {
        Matcher m = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
        return m.find() ? m.group(1) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

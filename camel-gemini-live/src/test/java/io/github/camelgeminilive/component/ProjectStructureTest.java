package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Any reference to a project package: imports (wildcards too), fully qualified names in code and Javadoc. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.camelgeminilive\\.[\\w.]*\\w");
    private static final Path ROOT = projectRoot();

    /** Package prefix of each layer -> the prefixes it must not refer to; the longest matching prefix applies. */
    private static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry(BASE + "protocol.",
                    List.of(BASE + "session", BASE + "transport", BASE + "audio", BASE + "emulator",
                            BASE + "component")),
            Map.entry(BASE + "transport.",
                    List.of(BASE + "session", BASE + "audio", BASE + "emulator", BASE + "component")),
            // the lowest layer (module gemini-live-audio, beside protocol): it depends on nothing of ours
            Map.entry(BASE + "audio.", List.of(BASE + "protocol", BASE + "session", BASE + "transport",
                    BASE + "emulator", BASE + "component")),
            // the client's one ordered inbox, public for the server components: it knows nothing of ours
            Map.entry(BASE + "ordered.", List.of(BASE + "protocol", BASE + "session", BASE + "transport",
                    BASE + "audio", BASE + "emulator", BASE + "component", BASE + "websocket", BASE + "telephony")),
            Map.entry(BASE + "session.", List.of(BASE + "emulator", BASE + "component")),
            Map.entry(BASE + "session.delivery.",
                    List.of(BASE + "session.connection", BASE + "session.resilience", BASE + "emulator",
                            BASE + "component")),
            Map.entry(BASE + "session.connection.",
                    List.of(BASE + "session.resilience", BASE + "emulator", BASE + "component")),
            Map.entry(BASE + "emulator.",
                    List.of(BASE + "session", BASE + "transport", BASE + "audio", BASE + "component")),
            Map.entry(BASE + "component.",
                    List.of(BASE + "emulator", BASE + "session.connection", BASE + "session.delivery",
                            BASE + "session.resilience")),
            Map.entry(BASE + "examples.", List.of()),
            Map.entry(BASE + "benchmarks.", List.of()),
            // the WebSocket server component stands on Camel and Undertow alone (and the client's ordered inbox)
            Map.entry(BASE + "websocket.", List.of(BASE + "protocol", BASE + "session", BASE + "transport",
                    BASE + "audio", BASE + "emulator", BASE + "component")),
            // phone calls: on the component's public face (its headers) and the audio toolkit, never the client's
            // internals; the WebSocket component only in the bridges (its header constants, its OptionBounds). The
            // shared playout, RTP and call counters know no bridge, and the bridges do not know each other
            Map.entry(BASE + "telephony.", List.of(BASE + "session", BASE + "transport", BASE + "emulator",
                    BASE + "websocket")),
            Map.entry(BASE + "telephony.call.", List.of(BASE + "telephony.sip", BASE + "telephony.twilio",
                    BASE + "telephony.rtp", BASE + "telephony.playout", BASE + "component", BASE + "session",
                    BASE + "transport", BASE + "emulator", BASE + "websocket")),
            Map.entry(BASE + "telephony.playout.", List.of(BASE + "telephony.sip", BASE + "telephony.twilio",
                    BASE + "telephony.rtp", BASE + "component", BASE + "session", BASE + "transport",
                    BASE + "emulator", BASE + "websocket")),
            Map.entry(BASE + "telephony.rtp.", List.of(BASE + "telephony.sip", BASE + "telephony.twilio",
                    BASE + "telephony.playout", BASE + "component", BASE + "session", BASE + "transport",
                    BASE + "emulator", BASE + "websocket")),
            Map.entry(BASE + "telephony.sip.", List.of(BASE + "telephony.twilio", BASE + "session",
                    BASE + "transport", BASE + "emulator")),
            Map.entry(BASE + "telephony.twilio.", List.of(BASE + "telephony.sip", BASE + "telephony.rtp",
                    BASE + "session", BASE + "transport", BASE + "emulator")));

    @Test
    void noLayerImportsOneAboveItAndTheComponentUsesOnlyThePublicClientApi() {
        List<String> violations = new ArrayList<>();
        for (Path file : mainSources()) {
            String source = read(file);
            String pkg = packageOf(source);
            List<String> forbidden = FORBIDDEN.entrySet().stream().filter(e -> (pkg + ".").startsWith(e.getKey()))
                    .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
            if (pkg.startsWith(BASE) && forbidden == null) {
                violations.add(ROOT.relativize(file) + " is in " + pkg + ", a layer this test does not know");
                continue;
            }
            Matcher m = REFERENCE.matcher(source.substring(source.indexOf(';') + 1)); // after the package line
            while (forbidden != null && m.find()) {
                String referenced = m.group();
                forbidden.stream().filter(f -> referenced.startsWith(f + ".") || referenced.equals(f))
                        .forEach(f -> violations.add(ROOT.relativize(file) + " refers to " + referenced));
            }
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

    /** The folder above this module that holds the root pom, wherever the test runs from. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("camel-gemini-live"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No project root above " + Path.of("").toAbsolutePath());
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

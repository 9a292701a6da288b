package io.github.camelgeminilive.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from the JFR execution samples of a time window: share per category (of the top-most
 * frame that belongs to one, so roughly self time), per thread (numbers dropped) and the hottest frames by self time.
 *
 * @param jvm        which JVM ({@code client} or {@code emulator})
 * @param samples    execution samples in the window
 * @param categories share (%) per category
 * @param threads    share (%) per thread name
 * @param topFrames  share (%) of the 12 hottest frames (self time)
 */
public record CpuProfile(String jvm, long samples, Map<String, Double> categories, Map<String, Double> threads,
        Map<String, Double> topFrames) {

    /** Category rules, first match wins; the names are what the report shows. */
    private static final Map<String, Pattern> RULES = new LinkedHashMap<>();

    static {
        RULES.put("TLS (JDK SSLEngine, AES-GCM)",
                Pattern.compile("^(sun\\.security\\.|com\\.sun\\.crypto\\.|javax\\.crypto\\.|javax\\.net\\.ssl\\.)"
                        + "|SslConduit|InlineTaskSslEngine"));
        RULES.put("emulator reply audio synthesis", Pattern.compile("emulator\\.model\\.SpeechSynthesizer"));
        RULES.put("JSON codec (Jackson, LiveJson, SDK converters)",
                Pattern.compile("^com\\.fasterxml\\.jackson\\.|LiveJson|com\\.google\\.genai\\.(JsonSerializable|"
                        + "LiveConverters|types\\.)"));
        RULES.put("emulator VAD and model", Pattern.compile("emulator\\.model\\."));
        RULES.put("WebSocket framing (Undertow, OkHttp)",
                Pattern.compile("^io\\.undertow\\.websockets|^okhttp3\\.internal\\.ws|^okio\\."));
        RULES.put("socket I/O and selector", Pattern.compile("^sun\\.nio\\.ch\\.|^java\\.net\\.Socket"));
        RULES.put("thread hand-offs (executors, futures, locks)",
                Pattern.compile("^java\\.util\\.concurrent\\.(locks\\.LockSupport|SynchronousQueue|"
                        + "LinkedTransferQueue|LinkedBlockingQueue|ConcurrentLinkedQueue|CompletableFuture|"
                        + "ThreadPoolExecutor\\.execute|ForkJoinPool\\.(signalWork|externalPush|push|execute))"
                        + "|OrderedTasks|OrderedInbox|EventQueue"));
    }

    static CpuProfile of(String jvm, Path jfr, Instant from, Instant to) throws IOException {
        long n = 0;
        Map<String, Long> cats = new TreeMap<>();
        Map<String, Long> threads = new TreeMap<>();
        Map<String, Long> frames = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            n++;
            List<RecordedFrame> fs = st.getFrames();
            cats.merge(category(fs), 1L, Long::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+$", "#").replaceAll("-[0-9]+-", "-#-"),
                    1L, Long::sum);
            RecordedFrame top = fs.get(0);
            frames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
        }
        return new CpuProfile(jvm, n, shares(cats, n, 20), shares(threads, n, 8), shares(frames, n, 12));
    }

    /** The category of the top-most frame that belongs to one: roughly where the self time was spent. */
    private static String category(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod() == null) {
                continue;
            }
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (Map.Entry<String, Pattern> rule : RULES.entrySet()) {
                if (rule.getValue().matcher(name).find()) {
                    return rule.getKey();
                }
            }
        }
        return "other";
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int limit) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> out.put(e.getKey(), total == 0 ? 0 : Math.round(1000.0 * e.getValue() / total) / 10.0));
        return out;
    }
}

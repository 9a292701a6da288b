package io.github.camelgeminilive.emulator.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.github.camelgeminilive.protocol.ProtoDuration;

/**
 * A scripted scenario: replies chosen by the user's input instead of the default model, and the service's limits
 * to apply. Loaded from JSON, or from YAML when the file name ends in {@code .yaml}/{@code .yml}; unknown fields
 * are errors, so typos do not pass unnoticed.
 *
 * <pre>
 * rules:                              # tried in order; the first whose pattern is found in the user text wins
 *   - match: "(?i)weather"            # Java regex, searched in the user's text (audio turns: "[speech 1.24 s]")
 *     toolCall:                       # optional: request this call first and wait for its toolResponse
 *       name: get_weather
 *       args: {city: Paris}
 *     reply: "It is {{response}}."    # optional: the reply transcript; {{response}} is the tool response as JSON;
 *                                     #   absent: the default model's reply
 *     delayMs: 500                    # optional: wall-clock wait before the reply starts (not scaled by pace)
 *     fault:                          # optional: injected once the reply's first chunk is out
 *       type: goAway                  # goAway | close | drop
 *       timeLeft: 5s                  # goAway: protobuf duration; the connection is closed (1000) when it runs out
 *       code: 1011                    # close: close code
 *       reason: "scripted failure"    # close: close reason
 *       afterMs: 200                  # optional: wall-clock wait after the reply started
 * limits:                             # optional: each one replaces the default (the builder's/CLI's settings win)
 *   connectionLifetime: 30s           # protobuf durations; 0s turns a limit off
 *   goAwayBefore: 5s
 *   audioSessionLength: 60s
 *   videoSessionLength: 20s
 *   contextWindowTokens: 4000         # 0: no window
 *   concurrentSessions: 2             # per key; 0: no quota
 * </pre>
 * A user text that matches no rule gets the default model's behaviour (tools, memory, "You said: ...").
 *
 * @param rules  the rules, in the order they are tried
 * @param limits the service's limits to apply, or null for the defaults
 */
public record Scenario(List<Rule> rules, Limits limits) {

    public Scenario {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A scenario of {@code rules} with the default limits. */
    public Scenario(List<Rule> rules) {
        this(rules, null);
    }

    /** The limits this scenario sets (none when it has no {@code limits}). */
    public ServiceLimits.Overrides limitOverrides() {
        return limits == null ? ServiceLimits.Overrides.NONE : limits.overrides();
    }

    /**
     * The service's limits a scenario sets; absent values keep theirs. See {@link ServiceLimits}.
     *
     * @param connectionLifetime  protobuf duration such as {@code "600s"}, or null
     * @param goAwayBefore        protobuf duration, or null
     * @param audioSessionLength  protobuf duration, or null
     * @param videoSessionLength  protobuf duration, or null
     * @param contextWindowTokens tokens, or null
     * @param concurrentSessions  sessions per key, or null
     */
    public record Limits(String connectionLifetime, String goAwayBefore, String audioSessionLength,
            String videoSessionLength, Long contextWindowTokens, Integer concurrentSessions) {

        public Limits {
            // fails at load, naming the bad value, rather than at start (the fields are not assigned yet)
            overrides(connectionLifetime, goAwayBefore, audioSessionLength, videoSessionLength, contextWindowTokens,
                    concurrentSessions).over(ServiceLimits.DEFAULTS);
        }

        ServiceLimits.Overrides overrides() {
            return overrides(connectionLifetime, goAwayBefore, audioSessionLength, videoSessionLength,
                    contextWindowTokens, concurrentSessions);
        }

        private static ServiceLimits.Overrides overrides(String lifetime, String goAwayBefore, String audio,
                String video, Long window, Integer sessions) {
            return new ServiceLimits.Overrides(duration(lifetime), duration(goAwayBefore), duration(audio),
                    duration(video), window, sessions);
        }

        private static Duration duration(String text) {
            return text == null ? null : ProtoDuration.parse(text);
        }
    }

    /**
     * One scripted reaction.
     *
     * @param match    regex searched in the user text (required)
     * @param reply    reply transcript, {@code {{response}}} replaced by the tool response; null: default reply
     * @param toolCall a function call to request before replying, or null
     * @param delayMs  wait before replying, or null
     * @param fault    a fault to inject after the reply starts, or null
     */
    public record Rule(Pattern match, String reply, ScriptedCall toolCall, Long delayMs, Fault fault) {

        public Rule {
            require(match != null, "a rule needs 'match' (a regex)");
            require(delayMs == null || delayMs >= 0, "'delayMs' must not be negative");
        }

        /** The wait before replying. */
        public Duration delay() {
            return Duration.ofMillis(delayMs == null ? 0 : delayMs);
        }
    }

    /**
     * A function call the script requests.
     *
     * @param name the function name (required)
     * @param args the arguments, or null for none
     */
    public record ScriptedCall(String name, Map<String, Object> args) {

        public ScriptedCall {
            require(name != null && !name.isBlank(), "a toolCall needs 'name'");
            args = args == null ? Map.of() : Map.copyOf(args);
        }
    }

    /** Kinds of injected fault. */
    public enum FaultType {
        @JsonProperty("goAway")
        GO_AWAY,
        @JsonProperty("close")
        CLOSE,
        @JsonProperty("drop")
        DROP
    }

    /**
     * A fault injected into the connection while the reply streams.
     *
     * @param type     what happens (required)
     * @param timeLeft goAway only: protobuf duration such as {@code "5s"}
     * @param code     close only: the close code (1000-4999)
     * @param reason   close only: the close reason, or null
     * @param afterMs  wait after the reply's first chunk, or null for none
     */
    public record Fault(FaultType type, String timeLeft, Integer code, String reason, Long afterMs) {

        public Fault {
            require(type != null, "a fault needs 'type' (goAway, close or drop)");
            require(type != FaultType.GO_AWAY || timeLeft != null, "a goAway fault needs 'timeLeft' (e.g. \"5s\")");
            require(type != FaultType.CLOSE || code != null && code >= 1000 && code <= 4999,
                    "a close fault needs 'code' between 1000 and 4999");
            require(afterMs == null || afterMs >= 0, "'afterMs' must not be negative");
            if (timeLeft != null) {
                ProtoDuration.parse(timeLeft);
            }
        }

        /** goAway's time left. */
        public Duration timeLeftDuration() {
            return ProtoDuration.parse(timeLeft);
        }

        /** The wait after the reply started. */
        public Duration after() {
            return Duration.ofMillis(afterMs == null ? 0 : afterMs);
        }
    }

    /**
     * Loads a scenario file.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a valid scenario (the message names
     *                                  the file and the problem)
     */
    public static Scenario load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                : JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            Scenario scenario = mapper.readValue(file.toFile(), Scenario.class);
            if (scenario == null) {
                throw new IllegalArgumentException("Invalid scenario " + file + ": the file is empty");
            }
            return scenario;
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first rule whose pattern is found in {@code userText}. */
    public Optional<Rule> match(String userText) {
        return rules.stream().filter(r -> r.match().matcher(userText).find()).findFirst();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}

package io.github.camelgeminilive.component;

import java.util.regex.Pattern;

import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * Checks of option values, so that an empty or malformed one fails the endpoint when it is created (and the route's
 * start with it) instead of the first connect. Every check passes an unset (null) value through.
 */
final class OptionChecks {

    static final Pattern VOICE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** BCP-47: a language and up to three subtags, e.g. en-US. */
    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    /** A Google Cloud region such as us-central1, or global. */
    static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** A Google Cloud project id, optionally domain-scoped (example.com:my-project). */
    static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]{0,99}");

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VERTEX_MODEL = Pattern
            .compile("projects/[^/\\s]+/locations/[^/\\s]+/publishers/[^/\\s]+/models/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String MODELS = "models/";

    private OptionChecks() {
    }

    /**
     * The model name for the setup: {@code models/{name}} (a bare name gets the prefix, as Google's SDKs add it);
     * for Vertex AI {@code projects/{p}/locations/{l}/publishers/google/models/{name}} from vertexProject and
     * vertexLocation, unless the model is named so already.
     */
    static String model(GeminiLiveConfiguration c) {
        String model = c.getModel();
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("The gemini-live option model is required, e.g. "
                    + GeminiLiveConfiguration.DEFAULT_MODEL);
        }
        boolean vertex = c.getFlavour() == ConnectionOptions.Flavour.VERTEX_AI;
        String project = matching("vertexProject", c.getVertexProject(), PROJECT);
        String location = matching("vertexLocation", c.getVertexLocation(), LOCATION);
        if (!vertex && (project != null || location != null)) {
            throw new IllegalArgumentException("The gemini-live options vertexProject and vertexLocation apply to"
                    + " flavour=VERTEX_AI only, not " + c.getFlavour());
        }
        if (vertex && VERTEX_MODEL.matcher(model).matches()) {
            return model;
        }
        String name = model.startsWith(MODELS) ? model.substring(MODELS.length()) : model;
        if (!MODEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The gemini-live option model is malformed: '" + model + "'; expected "
                    + MODELS + "{name}" + (vertex ? " or projects/{p}/locations/{l}/publishers/google/models/{name}"
                            : "")
                    + ", e.g. " + GeminiLiveConfiguration.DEFAULT_MODEL);
        }
        if (!vertex) {
            return MODELS + name;
        }
        if (project == null || location == null) {
            throw new IllegalArgumentException("flavour=VERTEX_AI needs the gemini-live options vertexProject and"
                    + " vertexLocation, or a model named projects/{p}/locations/{l}/publishers/google/models/{name}");
        }
        return "projects/" + project + "/locations/" + location + "/publishers/google/models/" + name;
    }

    /**
     * The endpoint's timeouts, intervals, queue and buffer bounds and pool size: each one in its range, and the
     * options that name something ({@code tools}, {@code trustStore}) not empty.
     */
    static void bounds(GeminiLiveConfiguration c) {
        positive("replyTimeout", c.getReplyTimeout());
        positive("connectTimeout", c.getConnectTimeout());
        notNegative("pingInterval", c.getPingInterval());
        positive("pingTimeout", c.getPingTimeout());
        notNegative("goAwayMargin", c.getGoAwayMargin());
        notNegative("reconnectInitialDelay", c.getReconnectInitialDelay());
        if (c.getReconnectInitialDelay() > c.getReconnectMaxDelay()) {
            throw new IllegalArgumentException("The gemini-live option reconnectInitialDelay ("
                    + c.getReconnectInitialDelay() + ") must not exceed reconnectMaxDelay (" + c.getReconnectMaxDelay()
                    + ")");
        }
        positive("maxQueuedEvents", c.getMaxQueuedEvents());
        positive("maxQueuedEventBytes", c.getMaxQueuedEventBytes());
        notNegative("heldSendLimit", c.getHeldSendLimit());
        notNegative("heldSendBytes", c.getHeldSendBytes());
        notNegative("replayBufferBytes", c.getReplayBufferBytes());
        if (c.getReplayBufferBytes() > ResilienceOptions.MAX_REPLAY_BUFFER_BYTES) {
            throw new IllegalArgumentException("The gemini-live option replayBufferBytes must be at most "
                    + ResilienceOptions.MAX_REPLAY_BUFFER_BYTES + " (1 GiB), not " + c.getReplayBufferBytes());
        }
        notNegative("replayBufferDuration", c.getReplayBufferDuration());
        notNegative("idleTimeout", c.getIdleTimeout());
        notNegative("maxSessions", c.getMaxSessions());
        positive("toolTimeout", c.getToolTimeout());
        positive("toolThreadPoolSize", c.getToolThreadPoolSize());
        if (c.getTools() instanceof String tools) {
            notBlank("tools", tools);
        }
        notBlank("trustStore", c.getTrustStore());
    }

    private static void positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("The gemini-live option " + option + " must be positive, not " + value);
        }
    }

    private static void notNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("The gemini-live option " + option + " must be 0 or positive, not "
                    + value);
        }
    }

    static String notBlank(String option, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("The gemini-live option " + option + " is empty");
        }
        return value;
    }

    /** {@code value} if it matches {@code pattern}. */
    static String matching(String option, String value, Pattern pattern) {
        if (notBlank(option, value) != null && !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("The gemini-live option " + option + " is malformed: '" + value + "'");
        }
        return value;
    }

    /** The one of {@code allowed} that {@code value} names, in any case. */
    static String oneOf(String option, String value, String... allowed) {
        if (notBlank(option, value) == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("The gemini-live option " + option + " must be one of "
                + String.join(", ", allowed) + ", not '" + value + "'");
    }

    /** {@code value} if it is from {@code min} to {@code max}. */
    static <N extends Number> N range(String option, N value, double min, double max) {
        if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            throw new IllegalArgumentException("The gemini-live option " + option + " must be "
                    + (max >= Integer.MAX_VALUE ? "at least " + number(min)
                            : "from " + number(min) + " to " + number(max))
                    + ", not " + value);
        }
        return value;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}

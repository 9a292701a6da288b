package io.github.camelgeminilive.examples.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A page's Chrome DevTools Protocol session over the JDK's WebSocket client: commands by id, their results awaited;
 * events are ignored.
 */
final class DevTools implements WebSocket.Listener, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static DevTools connect(HttpClient http, URI webSocketDebuggerUrl) {
        DevTools devTools = new DevTools();
        devTools.socket = http.newWebSocketBuilder().buildAsync(webSocketDebuggerUrl, devTools)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return devTools;
    }

    /**
     * Evaluates {@code expression} in the page as if the user had clicked (so it may start audio and the microphone),
     * awaiting a promise it returns.
     *
     * @return its value, as JSON
     */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true, "userGesture", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("The page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of what the page shows. */
    byte[] screenshot() {
        return Base64.getDecoder()
                .decode(call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            String command = JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params));
            socket.sendText(command, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            JsonNode message = reply.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            if (message.has("error")) {
                throw new IllegalStateException(method + " failed: " + message.get("error"));
            }
            return message.path("result");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                CompletableFuture<JsonNode> reply = message.has("id") ? pending.get(message.get("id").asInt()) : null;
                if (reply != null) {
                    reply.complete(message);
                }
            } catch (JsonProcessingException e) {
                pending.values().forEach(reply -> reply.completeExceptionally(e));
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        pending.values().forEach(reply -> reply.completeExceptionally(error));
    }

    @Override
    public void close() {
        socket.abort();
    }
}

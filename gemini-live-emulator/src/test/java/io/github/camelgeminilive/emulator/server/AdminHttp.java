package io.github.camelgeminilive.emulator.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.type.TypeReference;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.LiveJson;

/** Calls an emulator's HTTP admin API the way curl would. */
final class AdminHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminHttp() {
    }

    static HttpResponse<String> get(GeminiLiveEmulator emu, String path) {
        return send(HttpRequest.newBuilder(uri(emu, path)).GET().build());
    }

    static HttpResponse<String> post(GeminiLiveEmulator emu, String path) {
        return send(HttpRequest.newBuilder(uri(emu, path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** {@code GET /emulator/sessions}, parsed. */
    static List<SessionInfo> sessions(GeminiLiveEmulator emu) throws Exception {
        HttpResponse<String> list = get(emu, "/emulator/sessions");
        if (list.statusCode() != 200) {
            throw new AssertionError("GET /emulator/sessions answered " + list.statusCode() + ": " + list.body());
        }
        return LiveJson.get().mapper().readValue(list.body(), new TypeReference<>() {
        });
    }

    static URI uri(GeminiLiveEmulator emu, String path) {
        return URI.create(emu.baseUrl().toString().replace("ws://", "http://") + path);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}

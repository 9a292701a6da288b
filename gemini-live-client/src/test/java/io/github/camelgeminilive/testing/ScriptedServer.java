package io.github.camelgeminilive.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * A tiny real WebSocket server (Undertow) whose replies a test scripts: for faults the emulator cannot produce
 * (malformed JSON, a certificate for another host). It records the handshake headers and every text frame.
 */
public final class ScriptedServer implements AutoCloseable {

    public static final String SETUP_COMPLETE = "{\"setupComplete\":{\"sessionId\":\"scripted-1\"}}";

    private final Undertow server;
    private final boolean tls;
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> apiKeyHeaders = new LinkedBlockingQueue<>();
    private volatile boolean answerPings = true;

    /** @param onText called with the channel and each text frame received */
    public ScriptedServer(KeyStoreFile keyStore, BiConsumer<WebSocketChannel, String> onText) throws Exception {
        this.tls = keyStore != null;
        Undertow.Builder builder = Undertow.builder().setHandler(Handlers.websocket((exchange, channel) -> {
            String key = exchange.getRequestHeader("x-goog-api-key");
            apiKeyHeaders.add(key == null ? "" : key);
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                    String text = message.getData(); // getData() empties the message: read once
                    received.add(text);
                    onText.accept(ch, text);
                }

                @Override
                protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message)
                        throws IOException {
                    if (answerPings) {
                        super.onFullPingMessage(ch, message);
                    } else {
                        message.getData().close(); // no pong: only its pooled buffers to give back
                    }
                }
            });
            channel.resumeReceives();
        }));
        if (tls) {
            builder.addHttpsListener(0, "127.0.0.1", keyStore.serverContext());
        } else {
            builder.addHttpListener(0, "127.0.0.1");
        }
        this.server = builder.build();
        server.start();
    }

    /** Answers {@code setup} with {@code setupComplete}, then calls {@code then} for later frames. */
    public static BiConsumer<WebSocketChannel, String> setupThen(BiConsumer<WebSocketChannel, String> then) {
        return (ch, text) -> {
            if (text.contains("\"setup\"")) {
                sendBinary(ch, SETUP_COMPLETE);
            } else {
                then.accept(ch, text);
            }
        };
    }

    public static void sendBinary(WebSocketChannel channel, String json) {
        WebSockets.sendBinary(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), channel, null);
    }

    public static void sendText(WebSocketChannel channel, String json) {
        WebSockets.sendText(json, channel, null);
    }

    /** From now on pings get no pong: a service whose pongs come too late to prove anything. */
    public void ignorePings() {
        answerPings = false;
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** {@code ws://127.0.0.1:port}, or {@code wss://<host>:port} with TLS. */
    public URI baseUrl(String host) {
        return URI.create((tls ? "wss://" : "ws://") + host + ":" + port());
    }

    public String nextReceived() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A PKCS12 key store with a self-signed certificate made by the JDK's keytool for the given SAN. */
    public record KeyStoreFile(Path file, String password) {

        public static KeyStoreFile generate(Path dir, String san) throws Exception {
            Path file = dir.resolve("server-" + san.replaceAll("[^a-z0-9]", "_") + ".p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                    "-keysize", "2048", "-validity", "2", "-dname", "CN=test", "-ext", "SAN=" + san,
                    "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit",
                    "-keypass", "changeit")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            return new KeyStoreFile(file, "changeit");
        }

        SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, password.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }
    }
}

package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** What the emulator reads of a client: nothing before its credential is accepted, no message over the limit. */
class ReceiveLimitsTest {

    private static final int LIMIT = 64 * 1024;
    /** Far more than the socket buffers of both ends hold: a send this large completes only if it is read. */
    private static final int UNBUFFERABLE = 32 * 1024 * 1024;

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().apiKey(Endpoints.KEY).engine(new RecordingEngine())
                .maxMessageBytes(LIMIT).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    /**
     * The emulator used to read (and buffer whole) what a client with a bad key sent until the client answered its
     * 1008; now it reads nothing, so a message too large for the socket buffers can only fail, once the connection
     * is cut. A raw socket, because the JDK's client gives up its own send when the close arrives.
     */
    @Test
    void aConnectionWithABadKeyIsRefusedWithoutBeingRead() throws Exception {
        // a limit above the message: only the credential check can keep it from being read
        try (GeminiLiveEmulator roomy = GeminiLiveEmulator.builder().apiKey(Endpoints.KEY)
                .engine(new RecordingEngine()).maxMessageBytes(2L * UNBUFFERABLE).build().start();
                Socket socket = new Socket("127.0.0.1", roomy.port())) {
            socket.setSoTimeout((int) WsTestClient.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET " + Endpoints.gemini(roomy).getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + roomy.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nx-goog-api-key: wrong\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(responseHead(in)).startsWith("HTTP/1.1 101");
            assertThat(in.readUnsignedByte()).as("a close frame").isEqualTo(0x88);
            int length = in.readUnsignedByte();
            assertThat(length).as("its length").isBetween(2, 125);
            assertThat(in.readUnsignedShort()).as("its code").isEqualTo(1008);
            in.skipNBytes(length - 2);
            assertThat(in.read()).as("the emulator ended its side at once: the client need not wait").isEqualTo(-1);
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> writeTextFrame(out, UNBUFFERABLE));
            assertThat(send).as("the message was never read; the emulator cut the connection after the close")
                    .failsWithin(Duration.ofSeconds(30));
        }
    }

    /** A masked text frame of {@code length} bytes of {@code x}, with a zero mask, as one message. */
    private static void writeTextFrame(OutputStream out, int length) {
        try {
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | 127)});
            out.write(ByteBuffer.allocate(Long.BYTES).putLong(length).array());
            out.write(new byte[4]);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (int left = length; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String responseHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    @Test
    void aMessageUpToTheLimitIsReadOneOverItIsRefusedWith1009() throws Exception {
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            String id = c.next().setupComplete().sessionId();
            String atLimit = textOfSize(LIMIT);
            c.send(atLimit);
            assertThat(c.next().sessionResumptionUpdate()).as("the model got the message").isNotNull();
            c.sendAsync(textOfSize(LIMIT + 1), true);
            WsTestClient.Close close = c.awaitClose();
            assertThat(close.code()).isEqualTo(1009);
            assertThat(close.reason()).contains(String.valueOf(LIMIT));
            assertThat(emu.admin().session(id).orElseThrow().clientMessages()).isEqualTo(1);
        }
    }

    @Test
    void theLimitCountsAllFramesOfAMessage() {
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            String half = "x".repeat(LIMIT / 2);
            c.sendAsync("{\"realtimeInput\":{\"text\":\"" + half, false).join();
            c.sendAsync(half, false).join();
            c.sendAsync("\"}}", true);
            assertThat(c.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void binaryMessagesHaveTheSameLimit() {
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            c.sendBinary(textOfSize(LIMIT + 1));
            assertThat(c.awaitClose().code()).isEqualTo(1009);
        }
    }

    /** A valid text message of exactly {@code bytes} bytes. */
    private static String textOfSize(int bytes) {
        int overhead = Frames.text("").getBytes(StandardCharsets.UTF_8).length;
        String message = Frames.text("x".repeat(bytes - overhead));
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return message;
    }

    private static WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", Endpoints.KEY));
    }
}

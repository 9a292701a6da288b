package io.github.camelgeminilive.benchmarks.load;

import java.util.HashMap;
import java.util.Map;

import io.github.camelgeminilive.emulator.model.ConnectionContext;
import io.github.camelgeminilive.emulator.model.ModelConnection;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.emulator.model.Outbound;
import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerMessage;

/**
 * The emulator's model with a stopwatch on both sides:
 * <ul>
 * <li>every audio frame's {@link FrameStamp} is read the moment the model gets the frame (after the emulator's
 * WebSocket layer, parse and validation): the one-way latency client send call -> emulator; each connection also
 * checks that its frames' stamps only grow (frames in the order they were sent);</li>
 * <li>the time each reply audio message is handed to the connection is kept per session, so the load driver can
 * pair the k-th one with the k-th audio event its route saw: the one-way latency emulator send -> route.</li>
 * </ul>
 * Runs on the emulator's I/O threads, so it only stores numbers.
 */
final class EmulatorStopwatch implements ModelEngine {

    /**
     * What was recorded since the last reset.
     *
     * @param receipt    client send call -> the emulator's model, of the frames received while measuring
     * @param frames     audio frames received
     * @param audioBytes the audio of those frames, in bytes (a sender may put several of its frames in one)
     * @param outOfOrder frames whose stamp was older than the one before them on the same connection
     * @param audioSent  per session id, when each reply audio message was handed to the connection, in order
     */
    record Reading(Percentiles receipt, long frames, long audioBytes, long outOfOrder, Map<String, long[]> audioSent) {
    }

    private final ModelEngine model;
    private final LongList receipts = new LongList();
    private final Map<String, LongList> audioSent = new HashMap<>();
    private long frames;
    private long audioBytes;
    private long outOfOrder;
    private boolean measuring;

    EmulatorStopwatch(ModelEngine model) {
        this.model = model;
    }

    /** Forgets everything and stops measuring receipts (counting and reply times go on). */
    synchronized void reset() {
        receipts.clear();
        audioSent.clear();
        frames = 0;
        audioBytes = 0;
        outOfOrder = 0;
        measuring = false;
    }

    synchronized void measure() {
        measuring = true;
    }

    /** Stops measuring receipts and tells what was recorded. */
    synchronized Reading read() {
        measuring = false;
        Map<String, long[]> sent = new HashMap<>();
        audioSent.forEach((session, times) -> sent.put(session, times.toArray()));
        return new Reading(Percentiles.ofNanos(receipts), frames, audioBytes, outOfOrder, sent);
    }

    private synchronized void received(long latency, boolean inOrder, int bytes) {
        frames++;
        audioBytes += bytes;
        if (!inOrder) {
            outOfOrder++;
        }
        if (measuring) {
            receipts.add(latency);
        }
    }

    private synchronized void sent(String sessionId, long nanos) {
        audioSent.computeIfAbsent(sessionId, k -> new LongList()).add(nanos);
    }

    @Override
    public ModelConnection attach(ConnectionContext context) {
        String sessionId = context.session().sessionId();
        Outbound out = context.out();
        Outbound timed = new Outbound() {
            @Override
            public void send(ServerMessage message) {
                stamp(message);
                out.send(message);
            }

            @Override
            public void send(ServerMessage message, byte[] json) {
                stamp(message);
                out.send(message, json);
            }

            /** Runs for every message the emulator sends: a plain loop, no stream per message. */
            private void stamp(ServerMessage message) {
                if (message.serverContent() == null || message.serverContent().modelTurn() == null) {
                    return;
                }
                for (Part part : message.serverContent().modelTurn().parts()) {
                    if (part.inlineData() != null) {
                        sent(sessionId, System.nanoTime());
                        return;
                    }
                }
            }

            @Override
            public void close(int code, String reason) {
                out.close(code, reason);
            }

            @Override
            public void drop() {
                out.drop();
            }

            @Override
            public boolean isOpen() {
                return out.isOpen();
            }
        };
        ModelConnection connection = model.attach(new ConnectionContext(context.setup(), context.rules(),
                context.session(), timed, context.scheduler(), context.settings()));
        return new ModelConnection() {
            private long lastStamp = Long.MIN_VALUE;

            @Override
            public void onClientMessage(ClientMessage message, long index) {
                Blob audio = message.realtimeInput() == null ? null : message.realtimeInput().audio();
                if (audio != null) {
                    long now = System.nanoTime();
                    long stamp = FrameStamp.read(audio.data());
                    received(now - stamp, stamp >= lastStamp, audio.data().length);
                    lastStamp = stamp;
                }
                connection.onClientMessage(message, index);
            }

            @Override
            public void onDisconnect() {
                connection.onDisconnect();
            }
        };
    }

    @Override
    public boolean nonBlocking() {
        return model.nonBlocking();
    }
}

package io.github.camelgeminilive.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/** One of the compared clients, reduced to what the load driver does with it. */
interface LoadClient extends AutoCloseable {

    String name();

    /** What its sessions run with (for the report). */
    KindOptions options();

    /** Opens one audio session (automatic VAD with 200 ms silence, both transcriptions, audio replies). */
    CompletableFuture<LoadSession> open(LoadListener listener);

    @Override
    void close();

    /** One open session. */
    interface LoadSession {
        /** Sends one frame of 16 kHz PCM the client's ordinary way; a failed send is counted by the listener. */
        void sendAudio(byte[] pcm);

        String sessionId();

        CompletableFuture<Void> closeAsync();
    }

    /** What the route of a session sees, called on the client's delivery thread. */
    interface LoadListener {
        void audio(byte[] pcm);

        /** Time from the WebSocket layer handing the audio message over to this listener (when measurable). */
        void routeDelay(long nanos);

        void inputTranscription();

        void outputTranscription(String text);

        void turnComplete();

        /** The emulator cut its reply short (the caller spoke again before it ended: the load is too high). */
        void interrupted();

        void sendFailed(Throwable error);

        /** A frame was written to the socket {@code nanos} after the send call (when the client tells). */
        void sendCompleted(long nanos);

        void closed(String why);
    }
}

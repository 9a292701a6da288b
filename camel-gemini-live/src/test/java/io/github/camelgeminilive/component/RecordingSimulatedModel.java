package io.github.camelgeminilive.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelgeminilive.emulator.model.ConnectionContext;
import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Part;

/**
 * The emulator's model, recording what reaches it in wire order: an audio message as {@code audio:<first sample>}
 * (tests stamp frames with their sequence number there), a text turn as {@code text:<text>}, a function response as
 * {@code toolResponse:<its JSON>}; audio bytes counted.
 */
final class RecordingSimulatedModel extends TappedSimulatedModel {

    private final List<String> messages = new ArrayList<>();
    private final AtomicLong audioBytes = new AtomicLong();

    /** Everything recorded so far, oldest first. */
    synchronized List<String> messages() {
        return new ArrayList<>(messages);
    }

    long audioBytes() {
        return audioBytes.get();
    }

    synchronized void clear() {
        messages.clear();
        audioBytes.set(0);
    }

    @Override
    protected synchronized void received(ConnectionContext context, ClientMessage message) {
        if (message.realtimeInput() != null && message.realtimeInput().audio() != null) {
            Blob audio = message.realtimeInput().audio();
            audioBytes.addAndGet(audio.data().length);
            messages.add("audio:" + TestAudio.firstSample(audio.data()));
        } else if (message.realtimeInput() != null && message.realtimeInput().text() != null) {
            messages.add("text:" + message.realtimeInput().text());
        } else if (message.toolResponse() != null) {
            message.toolResponse().functionResponses()
                    .forEach(r -> messages.add("toolResponse:" + LiveJson.get().mapper().valueToTree(r)));
        } else if (message.clientContent() != null) {
            for (Content c : message.clientContent().turns()) {
                c.parts().stream().map(Part::text).forEach(t -> messages.add("text:" + t));
            }
        }
    }
}

package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilienceMetrics;

/** What a session's watch makes of its events: one first-audio sample per reply, the state across a move. */
class SessionWatchTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final SessionWatch watch = new SessionWatch(new SessionObserver() {
        @Override
        public void connected() {
            heard.add("connected");
        }

        @Override
        public void failed(Throwable cause) {
            heard.add("failed");
        }

        @Override
        public void reconnected(Duration gap) {
            heard.add("gap " + gap.toMillis());
        }

        @Override
        public void firstAudio(long nanos) {
            heard.add("first audio");
        }
    }, () -> this.metrics);
    private ResilienceMetrics metrics = metrics(0);

    @Test
    void onlyTheFirstAudioAfterAnExplicitTurnEndIsTimed() {
        audio(); // no turn end yet: the reply to automatic voice detection is not timed
        turnComplete();
        watch.sent(Outgoing.Kind.TURN_END);
        audio();
        audio();
        turnComplete();
        watch.sent(Outgoing.Kind.TURN_END);
        watch.onEvent(new LiveEvent.Text("Hi", false)); // a reply without audio
        turnComplete();
        audio();

        assertThat(heard).containsExactly("first audio");
    }

    @Test
    void anAudioStreamEndEndsATurnOnlyAfterAudio() {
        watch.sent(Outgoing.Kind.STREAM_END); // a call opened with it: no audio yet, nothing to time
        watch.sent(Outgoing.Kind.AUDIO);
        audio(); // the reply to automatic voice detection
        turnComplete();
        assertThat(heard).isEmpty();

        watch.sent(Outgoing.Kind.AUDIO);
        watch.sent(Outgoing.Kind.STREAM_END);
        audio();
        turnComplete();
        watch.sent(Outgoing.Kind.STREAM_END); // no audio since that turn end
        audio();
        assertThat(heard).containsExactly("first audio");
    }

    @Test
    void lateAudioOfTheEarlierReplyDoesNotStopTheClockOfANewerTurnEnd() {
        watch.sent(Outgoing.Kind.TURN_END);
        audio();
        watch.sent(Outgoing.Kind.TURN_END); // the client's next turn, while the first reply still streams
        audio();
        assertThat(heard).containsExactly("first audio");

        turnComplete(); // the first reply ends; the newer turn end still waits for its reply
        audio();
        assertThat(heard).containsExactly("first audio", "first audio");
    }

    @Test
    void theEndOfAReplyDoesNotWipeATurnEndSentDuringIt() {
        watch.sent(Outgoing.Kind.TURN_END);
        watch.onEvent(new LiveEvent.Text("Hi", false));
        watch.sent(Outgoing.Kind.TURN_END); // sent while the reply without audio is under way
        turnComplete();
        audio();

        assertThat(heard).containsExactly("first audio");
    }

    @Test
    void aGoAwayOrFailedAttemptsMeanReconnectingUntilTheMove() {
        watch.connected(metrics);
        assertThat(watch.state(false, true, metrics)).isEqualTo(SessionWatch.State.open);

        watch.onEvent(new LiveEvent.GoAwayReceived(Duration.ofSeconds(5)));
        assertThat(watch.state(false, true, metrics)).isEqualTo(SessionWatch.State.reconnecting);
        metrics = metrics(2);
        assertThat(watch.failedAttemptsSinceConnect(metrics)).isEqualTo(2);

        watch.onEvent(new LiveEvent.Reconnected(3, Duration.ofMillis(40), true, 0, Duration.ZERO, Duration.ZERO, false,
                "goAway"));

        assertThat(watch.state(false, true, metrics)).isEqualTo(SessionWatch.State.open);
        assertThat(watch.failedAttemptsSinceConnect(metrics)).isZero();
        assertThat(heard).containsExactly("connected", "gap 40", "connected");
        assertThat(watch.state(true, true, metrics)).isEqualTo(SessionWatch.State.closed);
        assertThat(watch.state(false, false, null)).isEqualTo(SessionWatch.State.idle);
        assertThat(watch.state(false, true, null)).isEqualTo(SessionWatch.State.connecting);
    }

    private void turnComplete() {
        watch.onEvent(new LiveEvent.TurnComplete(null));
    }

    private void audio() {
        watch.onEvent(new LiveEvent.Audio(new byte[2], "audio/pcm;rate=24000"));
    }

    private static ResilienceMetrics metrics(long failedAttempts) {
        return new ResilienceMetrics(1, 0, failedAttempts, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0,
                0, 0, Duration.ZERO, 0, 0, 0, Duration.ZERO);
    }
}

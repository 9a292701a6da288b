package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.ClientContent;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Setup.SessionResumptionConfig;
import io.github.camelgeminilive.protocol.Tool;

/** The conversation the session remembers, and the resumption handles that carry it to a new connection. */
class MemoryAndResumptionTest extends ModelTestBase {

    private static Setup resumable(Boolean transparent) {
        return ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .sessionResumption(new SessionResumptionConfig(null, transparent)).build();
    }

    private static List<SessionResumptionUpdate> updates(ModelHarness h) {
        return h.messages().stream().map(ServerMessage::sessionResumptionUpdate).filter(u -> u != null).toList();
    }

    @Test
    void aLaterTurnQuotesAnEarlierOne() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 0);

        h.sendText("My name is Alice");
        h.awaitTurnCompletes(1);
        h.sendText("What is my name?");
        h.awaitTurnCompletes(2);

        assertThat(h.outputTranscript())
                .isEqualTo("You said: My name is AliceYou said: What is my name? Your name is Alice.");
    }

    @Test
    void unknownFactsAndRecallAreAnsweredDeterministically() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 0);

        h.sendText("What's my dog's name?");
        h.awaitTurnCompletes(1);
        h.sendText("Nice weather today");
        h.awaitTurnCompletes(2);
        h.sendText("What did I say?");
        h.awaitTurnCompletes(3);

        assertThat(h.outputTranscript()).contains("I don't know your dog's name yet.")
                .endsWith("You said: What did I say? Before that you said: Nice weather today");
    }

    @Test
    void seededHistoryGetsNoReplyButIsRemembered() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 0);

        h.send(ClientMessage.of(new ClientContent(List.of(Content.userText("My favourite colour is blue"),
                Content.modelText("Noted.")), false)));
        assertThat(h.messages()).isEmpty();
        h.sendText("What is my favourite colour?");
        h.awaitTurnCompletes(1);

        assertThat(h.outputTranscript()).endsWith("Your favourite colour is blue.");
        assertThat(h.session.history()).hasSize(4);
    }

    @Test
    void initialHistoryEndsWithTurnCompleteWithoutAReply() {
        Setup setup = ModelHarness.audioSetup(ModelHarness.FLASH_LIVE)
                .historyConfig(new Setup.HistoryConfig(true)).build();
        ModelHarness h = connect(setup, 0);

        h.send(ClientMessage.of(new ClientContent(List.of(Content.userText("My city is Lyon")), true)));
        assertThat(h.messages()).as("seeding is not a turn").isEmpty();
        h.sendText("What is my city?");
        h.awaitTurnCompletes(1);

        assertThat(h.outputTranscript()).isEqualTo("You said: What is my city? Your city is Lyon.");
    }

    @Test
    void theMemorySurvivesResumptionOnANewConnection() {
        InMemorySession session = new InMemorySession();
        ModelHarness first = connect(resumable(null), new EmulatorSettings(0, null), session);
        first.sendText("My name is Alice");
        first.awaitTurnCompletes(1);
        first.connection.onDisconnect();

        ModelHarness second = connect(resumable(null), new EmulatorSettings(0, null), session);
        second.sendText("What is my name?");
        second.awaitTurnCompletes(1);

        assertThat(second.outputTranscript()).endsWith("Your name is Alice.");
    }

    @Test
    void resumptionUpdatesFollowTheTurns() {
        ModelHarness h = connect(resumable(null), 0);
        assertThat(updates(h)).singleElement().satisfies(u -> {
            assertThat(u.isResumable()).isTrue();
            assertThat(u.newHandle()).isNotBlank();
            assertThat(u.lastConsumedClientMessageIndex()).isNull();
        });

        h.sendText("Hello");
        h.awaitTurnCompletes(1);

        List<ServerMessage> messages = h.messages();
        assertThat(messages.get(1).sessionResumptionUpdate()).as("in flight before any reply")
                .isEqualTo(new SessionResumptionUpdate(null, false, null));
        SessionResumptionUpdate last = messages.get(messages.size() - 1).sessionResumptionUpdate();
        assertThat(last.isResumable()).isTrue();
        assertThat(last.newHandle()).isNotEqualTo(updates(h).get(0).newHandle());
        assertThat(last.lastConsumedClientMessageIndex()).as("only in transparent mode").isNull();
        assertThat(h.session.issuedIndexes()).containsExactly(-1L, 0L);
    }

    @Test
    void transparentModeReportsTheLastConsumedIndex() {
        ModelHarness h = connect(resumable(true), 0);

        h.sendText("One");
        h.awaitTurnCompletes(1);
        h.sendAudio(Pcm.silence(16_000, 200), 16_000); // indexes 1 and 2
        h.sendText("Two"); // index 3
        h.awaitTurnCompletes(2);

        assertThat(updates(h)).filteredOn(SessionResumptionUpdate::isResumable)
                .extracting(SessionResumptionUpdate::lastConsumedClientMessageIndex)
                .containsExactly(null, 0L, 3L);
    }

    @Test
    void speechInProgressIsNotCoveredByAHandle() {
        Setup setup = ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .sessionResumption(new SessionResumptionConfig(null, true))
                .realtimeInputConfig(new io.github.camelgeminilive.protocol.RealtimeInputConfig(null,
                        "NO_INTERRUPTION", null))
                .build();
        ModelHarness h = connect(setup, 0.2);
        h.sendText("Please keep talking for a while"); // index 0
        h.await(ModelHarness::isAudio, 1);
        h.sendAudio(Pcm.speech(16_000, 300), 16_000); // indexes 1..3, speech starts at 1 and goes on

        h.awaitTurnCompletes(1);

        assertThat(updates(h).get(updates(h).size() - 1).lastConsumedClientMessageIndex()).isEqualTo(0L);
    }

    @Test
    void aPendingToolCallIsInFlight() {
        Setup setup = ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .sessionResumption(new SessionResumptionConfig(null, null))
                .tools(List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("lookup_order", "Order", null)))))
                .build();
        ModelHarness h = connect(setup, 0);

        h.sendText("Where is my order?");
        h.await(m -> m.toolCall() != null, 1);

        assertThat(updates(h)).extracting(SessionResumptionUpdate::isResumable).containsExactly(true, false);
    }
}

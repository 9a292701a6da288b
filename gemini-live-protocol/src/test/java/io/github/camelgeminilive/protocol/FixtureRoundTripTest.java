package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture, generically: it parses, writes back to the same JSON tree, and its snake_case and
 * unknown-field variants parse to the same record.
 */
class FixtureRoundTripTest {

    private final LiveJson json = LiveJson.get();

    static Stream<String> clientFixtures() {
        return Fixtures.names("client");
    }

    static Stream<String> serverFixtures() {
        return Fixtures.names("server");
    }

    @Test
    void everyMessageKindHasAFixture() {
        assertThat(clientFixtures()).hasSizeGreaterThanOrEqualTo(13);
        assertThat(serverFixtures()).hasSizeGreaterThanOrEqualTo(23);
    }

    @ParameterizedTest
    @MethodSource("clientFixtures")
    void clientFixtureWritesBackToTheSameJson(String name) {
        String fixture = Fixtures.text("client/" + name + ".json");
        ClientMessage message = json.readClient(fixture);

        assertThat(message.fieldCount()).isEqualTo(1);
        assertThat(Fixtures.tree(json.write(message))).isEqualTo(Fixtures.tree(fixture));
    }

    @ParameterizedTest
    @MethodSource("serverFixtures")
    void serverFixtureWritesBackToTheSameJson(String name) {
        String fixture = Fixtures.text("server/" + name + ".json");
        ServerMessage message = json.readServer(fixture);

        assertThat(Fixtures.tree(json.write(message))).isEqualTo(Fixtures.tree(fixture));
        assertThat(Fixtures.tree(new String(json.writeBytes(message), StandardCharsets.UTF_8)))
                .isEqualTo(Fixtures.tree(fixture));
    }

    @ParameterizedTest
    @MethodSource("clientFixtures")
    void clientFixtureInSnakeCaseAtEveryLevelParsesToTheSameRecord(String name) {
        String fixture = Fixtures.text("client/" + name + ".json");
        String snake = Fixtures.json(Fixtures.snakeCase(Fixtures.tree(fixture)));

        assertThat(json.readClient(snake)).isEqualTo(json.readClient(fixture));
    }

    @ParameterizedTest
    @MethodSource("serverFixtures")
    void serverFixtureInSnakeCaseAtEveryLevelParsesToTheSameRecord(String name) {
        String fixture = Fixtures.text("server/" + name + ".json");
        String snake = Fixtures.json(Fixtures.snakeCase(Fixtures.tree(fixture)));

        assertThat(json.readServer(snake)).isEqualTo(json.readServer(fixture));
    }

    @ParameterizedTest
    @MethodSource("clientFixtures")
    void unknownClientFieldsAtEveryLevelAreIgnored(String name) {
        String fixture = Fixtures.text("client/" + name + ".json");
        String noisy = Fixtures.json(Fixtures.withUnknownFields(Fixtures.tree(fixture)));

        assertThat(noisy).contains("someFutureField");
        assertThat(json.readClient(noisy)).isEqualTo(json.readClient(fixture));
    }

    @ParameterizedTest
    @MethodSource("serverFixtures")
    void unknownServerFieldsAtEveryLevelAreIgnored(String name) {
        String fixture = Fixtures.text("server/" + name + ".json");
        String noisy = Fixtures.json(Fixtures.withUnknownFields(Fixtures.tree(fixture)));

        assertThat(json.readServer(noisy)).isEqualTo(json.readServer(fixture));
    }

    @ParameterizedTest
    @MethodSource("serverFixtures")
    void serverFixtureParsesAlikeFromStringBytesAndBuffers(String name) {
        String fixture = Fixtures.text("server/" + name + ".json");
        byte[] bytes = fixture.getBytes(StandardCharsets.UTF_8);
        ServerMessage expected = json.readServer(fixture);

        ByteBuffer sliced = ByteBuffer.allocate(bytes.length + 10);
        sliced.position(7);
        sliced.put(bytes).flip().position(7);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        assertThat(json.readServer(bytes)).isEqualTo(expected);
        assertThat(json.readServer(sliced.slice())).isEqualTo(expected);
        assertThat(json.readServer(direct)).isEqualTo(expected);
        assertThat(direct.remaining()).as("the buffer is not consumed").isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @MethodSource("clientFixtures")
    void clientFixtureParsesAlikeFromStringAndBytes(String name) {
        String fixture = Fixtures.text("client/" + name + ".json");

        assertThat(json.readClient(fixture.getBytes(StandardCharsets.UTF_8))).isEqualTo(json.readClient(fixture));
    }
}

package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The written-out tables of each component's docs stay in step with its generated component JSON. */
class ComponentDocsTest {

    @ParameterizedTest
    @CsvSource({
            "., component/gemini-live.json, gemini-live-component.adoc",
            "../camel-gemini-live-websocket, websocket/gemini-live-websocket.json,"
                    + " gemini-live-websocket-component.adoc"})
    void docsListEveryOptionAndHeaderOfTheGeneratedJson(String module, String jsonFile, String adocFile)
            throws IOException {
        Path dir = Path.of(module);
        JsonNode json = new ObjectMapper().readTree(Files.readString(
                dir.resolve("src/generated/resources/META-INF/io/github/camelgeminilive").resolve(jsonFile)));
        String docs = Files.readString(dir.resolve("src/main/docs").resolve(adocFile));

        for (String section : new String[] {"componentProperties", "properties"}) {
            for (Iterator<String> names = json.get(section).fieldNames(); names.hasNext();) {
                String name = names.next();
                assertThat(docs).as(section + " " + name).contains("| *" + name + "* (");
                assertThat(docs).contains(json.get(section).get(name).get("description").asText());
            }
        }
        for (Iterator<String> names = json.get("headers").fieldNames(); names.hasNext();) {
            assertThat(docs).contains("| `" + names.next() + "` |");
        }
    }
}

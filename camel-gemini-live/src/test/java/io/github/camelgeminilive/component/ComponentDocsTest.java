package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The written-out tables of the component docs stay in step with the generated component JSON. */
class ComponentDocsTest {

    @Test
    void docsListEveryOptionAndHeaderOfTheGeneratedJson() throws IOException {
        JsonNode json;
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/io/github/camelgeminilive/component/gemini-live.json")) {
            json = new ObjectMapper().readTree(in);
        }
        String docs = Files.readString(Path.of("src/main/docs/gemini-live-component.adoc"));

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

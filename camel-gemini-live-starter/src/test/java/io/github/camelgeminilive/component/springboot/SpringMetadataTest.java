package io.github.camelgeminilive.component.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.component.GeminiLiveComponent;

/**
 * The committed IDE metadata is what the component's options give, and every property it names binds. After a
 * change of the component's options, regenerate it with {@code mvn -B -pl camel-gemini-live-starter -am test
 * -Dtest=SpringMetadataTest -Dsurefire.failIfNoSpecifiedTests=false -DupdateMetadata=true}.
 */
class SpringMetadataTest {

    private static final Path METADATA = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

    @Test
    void theCommittedMetadataIsTheOneTheComponentOptionsGive() throws IOException {
        String generated = SpringMetadataGenerator.generate();
        if (Boolean.getBoolean("updateMetadata")) {
            Files.writeString(METADATA, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(METADATA) ? Files.readString(METADATA, StandardCharsets.UTF_8) : "")
                .as("%s is stale; regenerate it with -DupdateMetadata=true (see this test's Javadoc)", METADATA)
                .isEqualTo(generated);
    }

    /** The dashed names and the defaults of the metadata, bound as the starter binds them, all reach an option. */
    @Test
    void everyPropertyOfTheMetadataBindsWithItsDefault() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(SpringMetadataGenerator.generate());
        Map<String, Object> options = new LinkedHashMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String option = GeminiLiveComponentProperties
                    .optionName(
                            property.get("name").asText().substring(GeminiLiveComponentProperties.PREFIX.length() + 1));
            if (property.has("defaultValue") && !option.equals(GeminiLiveComponentProperties.ENABLED)) {
                options.put(option, property.get("defaultValue").asText());
            }
        }
        assertThat(options).hasSizeGreaterThan(40).containsEntry("replyTimeout", "60s");

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            GeminiLiveComponent component = new GeminiLiveComponent();
            GeminiLiveComponentAutoConfiguration.bind(context, component, options);
            assertThat(component.getConfiguration().getReplyTimeout()).isEqualTo(60_000L);
        }
    }
}

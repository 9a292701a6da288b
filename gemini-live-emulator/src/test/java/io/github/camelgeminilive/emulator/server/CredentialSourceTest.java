package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.protocol.LiveApiMethod;

/**
 * Which credential the emulator asks for on which request path: the paths Google's SDKs build from a base URL, as the
 * router recognises them ({@link LiveApiMethod#forPath}). The Java SDK appends
 * {@code /ws/...} to the base URL's path, the JS SDK to {@code new URL(baseUrl)}, whose path is at least {@code /};
 * so {@code http://host:port} gives {@code //ws/...} from the JS SDK and {@code https://host/pre/} gives
 * {@code /pre//ws/...} from both.
 */
class CredentialSourceTest {

    private static final Map<CredentialSource, List<String>> METHODS_BY_VERSION = Map.of(
            CredentialSource.API_KEY, geminiMethods("BidiGenerateContent"),
            CredentialSource.EPHEMERAL_TOKEN, geminiMethods("BidiGenerateContentConstrained"),
            CredentialSource.BEARER_TOKEN, List.of("google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent",
                    "google.cloud.aiplatform.v1.LlmBidiService/BidiGenerateContent"));

    /** The base paths the SDKs put before {@code /ws/}, as they come out after appending. */
    private static final List<String> BASE_PATHS = List.of("", "/", "/pre", "/pre/", "//a//b/");

    static Stream<Arguments> sdkPaths() {
        List<Arguments> paths = new ArrayList<>();
        METHODS_BY_VERSION.forEach((source, methods) -> methods.forEach(
                method -> BASE_PATHS.forEach(base -> paths.add(Arguments.of(base + "/ws/" + method, source)))));
        return paths.stream();
    }

    @ParameterizedTest
    @MethodSource("sdkPaths")
    void everyFlavourAndVersionIsFoundAfterAnyBasePath(String path, CredentialSource source) {
        assertThat(LiveApiMethod.forPath(path).map(CredentialSource::of)).contains(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/ws//google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
            "///ws///google.cloud.aiplatform.v1beta1.LlmBidiService//BidiGenerateContent"})
    void repeatedSlashesAnywhereCollapse(String path) {
        assertThat(LiveApiMethod.forPath(path)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/",
            "",
            "/ws/",
            "/favicon.ico",
            "/v1beta/models/gemini-2.5-flash:generateContent",
            // API versions no SDK builds for that flavour
            "/ws/google.ai.generativelanguage.v2.GenerativeService.BidiGenerateContent",
            "/ws/google.ai.generativelanguage.v1beta1.GenerativeService.BidiGenerateContent",
            "/ws/google.cloud.aiplatform.v1beta.LlmBidiService/BidiGenerateContent",
            // other methods and near misses
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateMusic",
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent/",
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContentX",
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService/BidiGenerateContent",
            "/ws/google.ai.generativelanguage.v1betaXGenerativeService.BidiGenerateContent",
            "/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent/extra",
            // the prefix must end in whole segments: "/prews/" is not "/pre/ws/"
            "/prews/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"})
    void unrelatedPathsNameNoMethod(String path) {
        assertThat(LiveApiMethod.forPath(path)).isEmpty();
    }

    @Test
    void everyMethodHasACredentialSource() {
        for (LiveApiMethod m : LiveApiMethod.values()) {
            assertThat(CredentialSource.of(m).hint()).isNotBlank();
        }
    }

    private static List<String> geminiMethods(String method) {
        return Stream.of("v1", "v1beta", "v1alpha")
                .map(v -> "google.ai.generativelanguage." + v + ".GenerativeService." + method)
                .toList();
    }
}

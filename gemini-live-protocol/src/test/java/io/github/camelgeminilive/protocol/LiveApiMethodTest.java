package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LiveApiMethodTest {

    @Test
    void buildsThePathsTheServiceServes() {
        assertThat(LiveApiMethod.BIDI_GENERATE_CONTENT.path(null))
                .isEqualTo("/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent");
        assertThat(LiveApiMethod.BIDI_GENERATE_CONTENT_CONSTRAINED.path("v1alpha"))
                .isEqualTo("/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained");
        assertThat(LiveApiMethod.VERTEX_BIDI_GENERATE_CONTENT.path(null))
                .isEqualTo("/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
        assertThatThrownBy(() -> LiveApiMethod.BIDI_GENERATE_CONTENT.path("v2")).hasMessageContaining("'v2'");
    }

    @Test
    void recognisesEveryBuiltPathBehindAnyBasePath() {
        for (LiveApiMethod m : LiveApiMethod.values()) {
            for (String v : m.versions()) {
                assertThat(LiveApiMethod.forPath(m.path(v))).contains(m);
                assertThat(LiveApiMethod.forPath("/base/" + m.path(v))).contains(m);
                assertThat(LiveApiMethod.forPath("/" + m.path(v))).contains(m);
            }
        }
    }

    @Test
    void refusesOtherPaths() {
        assertThat(LiveApiMethod.forPath("/prews/google.ai.generativelanguage.v1beta.GenerativeService"
                + ".BidiGenerateContent")).isEmpty();
        assertThat(LiveApiMethod.forPath("/ws/google.ai.generativelanguage.v2.GenerativeService.BidiGenerateContent"))
                .isEmpty();
        assertThat(LiveApiMethod.forPath("/ws/google.aiXgenerativelanguage.v1beta.GenerativeService"
                + ".BidiGenerateContent")).as("dots are literal").isEmpty();
        assertThat(LiveApiMethod.forPath("/ws/google.ai.generativelanguage.v1beta.GenerativeService"
                + ".BidiGenerateContentX")).isEmpty();
    }
}

package io.github.camelgeminilive.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The example as run.sh starts it, without GEMINI_API_KEY: the embedded emulator answers, then the run ends. */
@ExtendWith(OutputCaptureExtension.class)
class GeminiLiveExampleApplicationTest {

    /** A guard against a run that never ends, not a measure: the emulator speaks in real time, a few seconds. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theRunLogsTheEmulatorsAnswerToThePromptAndEnds(CapturedOutput output) {
        GeminiLiveExampleApplication.run(GeminiLiveExampleApplication.application(null),
                "--example.prompt=Hello from Spring Boot");

        assertThat(output.getOut()).contains("Gemini replied: You said: Hello from Spring Boot");
    }
}

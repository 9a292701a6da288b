package io.github.camelgeminilive.examples.springboot;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * A Spring Boot application whose one route (camel/ask-gemini.yaml) asks Gemini Live a question and logs the
 * answer. The starter configures the component from application.yaml; this class only chooses where the session
 * goes: Google's Gemini API when GEMINI_API_KEY is set, otherwise an emulator started in this process.
 */
@SpringBootApplication
public class GeminiLiveExampleApplication {

    static final String OPTIONS = "camel.component.gemini-live.";
    /** The emulator accepts any non-empty key when it was not given one. */
    static final String EMULATOR_KEY = "spring-boot-example-emulator";

    public static void main(String[] args) {
        run(application(System.getenv("GEMINI_API_KEY")), args);
    }

    /**
     * Runs the application until Camel has finished (after the timer's one exchange, application.yaml's
     * duration-max-messages), then closes it, and with it the emulator, whose server threads would otherwise keep
     * the JVM alive.
     */
    static void run(SpringApplication application, String... args) {
        try (ConfigurableApplicationContext context = application.run(args)) {
            CamelContext camel = context.getBean(CamelContext.class);
            CountDownLatch stopped = new CountDownLatch(1);
            camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                        stopped.countDown();
                    }
                }
            });
            if (!camel.isStopped()) {
                stopped.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The application for Google when {@code apiKey} is set, else for a freshly started emulator. */
    static SpringApplication application(String apiKey) {
        SpringApplication application = new SpringApplication(GeminiLiveExampleApplication.class);
        if (apiKey != null && !apiKey.isBlank()) {
            // a placeholder, so the key itself is in no property source that the application could print
            application.setDefaultProperties(Map.of(OPTIONS + "api-key", "${GEMINI_API_KEY}"));
            return application;
        }
        GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).build().start();
        application.setDefaultProperties(emulatorProperties(emulator));
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> emulator.close());
        return application;
    }

    static Map<String, Object> emulatorProperties(GeminiLiveEmulator emulator) {
        return Map.of(OPTIONS + "base-url", emulator.baseUrl().toString(), OPTIONS + "api-key", EMULATOR_KEY);
    }
}

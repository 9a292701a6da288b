package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Micrometer is an optional dependency: on a classpath without it the component starts, talks and stops, with no
 * meters and no error. The call runs in a class loader that has every jar of the tests but Micrometer's.
 */
class WithoutMicrometerTest {

    @Test
    void theComponentWorksWithoutMicrometerOnTheClasspath() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader withoutMicrometer = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(withoutMicrometer);
            try {
                @SuppressWarnings("unchecked")
                Callable<String> call = (Callable<String>) withoutMicrometer.loadClass(Call.class.getName())
                        .getDeclaredConstructor().newInstance();
                assertThat(call.call()).isEqualTo("micrometer absent; reply: You said: Hello; meterRegistry set: "
                        + "meterRegistry is set but Micrometer (io.micrometer.core.instrument.MeterRegistry) is not on"
                        + " the classpath");
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }

    /** Runs in the class loader without Micrometer: a route asks the emulator, the answer comes back. */
    public static final class Call implements Callable<String> {

        @Override
        public String call() throws Exception {
            String micrometer;
            try {
                Class.forName("io.micrometer.core.instrument.MeterRegistry");
                micrometer = "micrometer present";
            } catch (ClassNotFoundException e) {
                micrometer = "micrometer absent";
            }
            try (GeminiLiveEmulator emulator = GeminiLiveTestSupport.emulatorOn127().build().start();
                    CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:ask").to("gemini-live:plain?replyFormat=transcript&baseUrl=" + emulator.baseUrl()
                                + "&apiKey=" + GeminiLiveTestSupport.API_KEY);
                    }
                });
                context.start();
                ProducerTemplate template = context.createProducerTemplate();
                String reply = template.requestBody("direct:ask", "Hello", String.class);
                return micrometer + "; reply: " + reply + "; meterRegistry set: " + meterRegistrySet();
            }
        }

        /** The option set as Camel Main or Spring Boot set it (the generated configurer): a clear refusal. */
        private static String meterRegistrySet() throws Exception {
            try (CamelContext context = new DefaultCamelContext()) {
                GeminiLiveComponent component = new GeminiLiveComponent();
                new GeminiLiveComponentConfigurer().configure(context, component, "meterRegistry", new Object(),
                        true);
                context.addComponent("gemini-live", component);
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:ask").to("gemini-live:plain?baseUrl=ws://127.0.0.1:1&apiKey=k");
                    }
                });
                try {
                    context.start();
                    return "started";
                } catch (Exception e) {
                    Throwable cause = e;
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    return cause.getMessage();
                }
            }
        }
    }
}

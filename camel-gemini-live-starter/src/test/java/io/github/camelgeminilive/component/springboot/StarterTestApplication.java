package io.github.camelgeminilive.component.springboot;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The application of the starter's tests: auto-configuration only, the route and options from application.yaml,
 * and a MeterRegistry bean as Spring Boot Actuator would provide.
 */
@SpringBootApplication
class StarterTestApplication {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}

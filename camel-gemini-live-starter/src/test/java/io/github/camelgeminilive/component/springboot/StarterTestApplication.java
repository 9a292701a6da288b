package io.github.camelgeminilive.component.springboot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application of the starter's tests: auto-configuration only, the route and options from application.yaml. */
@SpringBootApplication
class StarterTestApplication {
}

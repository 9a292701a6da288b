package io.github.camelgeminilive.examples.quickstart;

import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

/**
 * Fires once: sends the prompt as a text turn to a live session, waits for the model's whole reply (InOut) and
 * hands it to {@link ReplyWriter}. Where the session goes (API key, base URL) is component configuration, so the
 * route is the same for Google and the emulator and the key appears in no endpoint URI.
 */
final class QuickstartRoute extends RouteBuilder {

    static final String GEMINI_LIVE_URI = "gemini-live:quickstart?outputTranscription=true";

    private final String prompt;
    private final ReplyWriter replyWriter;
    private final CompletableFuture<Void> outcome;

    QuickstartRoute(String prompt, ReplyWriter replyWriter, CompletableFuture<Void> outcome) {
        this.prompt = prompt;
        this.replyWriter = replyWriter;
        this.outcome = outcome;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(exchange -> outcome.completeExceptionally(
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));

        from("timer:quickstart?repeatCount=1&delay=0")
                .routeId("quickstart")
                .setBody(constant(prompt))
                .to(ExchangePattern.InOut, GEMINI_LIVE_URI)
                .process(replyWriter)
                .process(exchange -> outcome.complete(null));
    }
}

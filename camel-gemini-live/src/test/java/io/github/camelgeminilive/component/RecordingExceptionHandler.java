package io.github.camelgeminilive.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/** Keeps what a consumer reports to its exception handler, for tests to wait on. */
final class RecordingExceptionHandler implements ExceptionHandler {

    final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @Override
    public void handleException(Throwable exception) {
        handled.add(exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handled.add(exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        handled.add(exception);
    }
}

package io.github.camelgeminilive.session.connection;

import java.util.concurrent.CompletionException;

/** What went wrong behind a future's failure. */
public final class Failures {

    private Failures() {
    }

    /** The failure behind a {@link CompletionException} of a dependent future. */
    public static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}

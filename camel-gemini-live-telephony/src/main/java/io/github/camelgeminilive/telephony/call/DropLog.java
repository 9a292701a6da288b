package io.github.camelgeminilive.telephony.call;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;

/**
 * Counts something dropped or refused and logs it without flooding the log: the 1st, 2nd, 4th, 8th... at WARN
 * with the count so far, the others at DEBUG. A peer can send 50 bad packets a second: a message's text is built
 * only when it is logged.
 */
public final class DropLog {

    private DropLog() {
    }

    /** Adds one to {@code counter} and logs {@code what} to {@code log}, building its text only if logged. */
    public static void count(LongAdder counter, Logger log, Supplier<String> what) {
        counter.increment();
        log(log, counter.sum(), what);
    }

    /** Logs {@code what}, the {@code count}-th of its kind, to {@code log}, building its text only if logged. */
    public static void log(Logger log, long count, Supplier<String> what) {
        if (Long.bitCount(count) == 1) {
            if (log.isWarnEnabled()) {
                log.warn("{} ({} so far)", what.get(), count);
            }
        } else if (log.isDebugEnabled()) {
            log.debug("{}", what.get());
        }
    }
}

package io.github.camelgeminilive.telephony.call;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** What every phone bridge counts about its calls, since it was made. Thread-safe. */
public abstract class CallCounters {

    private static final Pattern DOTS = Pattern.compile("([A-Z])");

    private final LongAdder callsStarted = new LongAdder();
    private final LongAdder callsEnded = new LongAdder();
    private final LongAdder callsRefused = new LongAdder();
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder dtmfDigits = new LongAdder();

    /** Calls accepted (Twilio: their {@code start}; SIP: answered with 200 OK). */
    public long callsStarted() {
        return callsStarted.sum();
    }

    /** Calls ended, whichever side or reason. */
    public long callsEnded() {
        return callsEnded.sum();
    }

    /** Calls refused (busy, no common codec, malformed...). */
    public long callsRefused() {
        return callsRefused.sum();
    }

    /** Caller audio frames handed on to the route or the model. */
    public long framesIn() {
        return framesIn.sum();
    }

    /** DTMF key presses received. */
    public long dtmfDigits() {
        return dtmfDigits.sum();
    }

    /** Every count by name (the getters' names), in a stable order: what JMX and the dev console show. */
    public Map<String, Long> values() {
        Map<String, Long> values = new LinkedHashMap<>();
        counts().forEach((name, count) -> values.put(name, count.getAsLong()));
        return values;
    }

    /**
     * Every count as a Micrometer meter name: {@code prefix} and the count's name in dotted lower case
     * ({@code callsStarted} -> {@code calls.started}, {@code playout.framesOut} -> {@code playout.frames.out}).
     */
    public Map<String, LongSupplier> meters(String prefix) {
        Map<String, LongSupplier> meters = new LinkedHashMap<>();
        counts().forEach((name, count) -> meters.put(prefix + DOTS.matcher(name).replaceAll(".$1").toLowerCase(
                Locale.ROOT), count));
        return meters;
    }

    private Map<String, LongSupplier> counts() {
        Map<String, LongSupplier> counts = new LinkedHashMap<>();
        counts.put("callsStarted", this::callsStarted);
        counts.put("callsEnded", this::callsEnded);
        counts.put("callsRefused", this::callsRefused);
        counts.put("framesIn", this::framesIn);
        counts.put("dtmfDigits", this::dtmfDigits);
        addCounts(counts);
        return counts;
    }

    /** Adds the bridge's own counts, by the names of their getters. */
    protected abstract void addCounts(Map<String, LongSupplier> counts);

    /** Counts a call accepted. */
    public void callStarted() {
        callsStarted.increment();
    }

    /** Counts a call ended. */
    public void callEnded() {
        callsEnded.increment();
    }

    /** Counts a call refused; returns the calls refused so far (for {@link DropLog#log}). */
    public long callRefused() {
        callsRefused.increment();
        return callsRefused.sum();
    }

    /** Counts a caller frame handed on. */
    public void frameIn() {
        framesIn.increment();
    }

    /** Counts a DTMF key press. */
    public void dtmfDigit() {
        dtmfDigits.increment();
    }
}

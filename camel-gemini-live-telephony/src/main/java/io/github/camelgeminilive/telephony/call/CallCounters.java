package io.github.camelgeminilive.telephony.call;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What every phone bridge counts about its calls, since it was made. Thread-safe. */
public abstract class CallCounters {

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

    /** Every count by name (the getters' names), in a stable order: what JMX shows. */
    public Map<String, Long> values() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("callsStarted", callsStarted());
        values.put("callsEnded", callsEnded());
        values.put("callsRefused", callsRefused());
        values.put("framesIn", framesIn());
        values.put("dtmfDigits", dtmfDigits());
        addValues(values);
        return values;
    }

    /** Adds the bridge's own counts to {@link #values()}. */
    protected abstract void addValues(Map<String, Long> values);

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

package io.github.camelgeminilive.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

class DropLogTest {

    @Test
    void everyDropIsCountedAndItsTextBuiltOnlyWhenLogged() {
        Logger log = (Logger) LoggerFactory.getLogger(DropLogTest.class);
        log.setLevel(Level.WARN); // the 1st, 2nd, 4th, 8th... at WARN, the others at DEBUG: not logged here
        LongAdder counter = new LongAdder();
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            DropLog.count(counter, log, () -> "dropped #" + built.incrementAndGet());
        }
        assertThat(counter.sum()).isEqualTo(100);
        assertThat(built).hasValue(7); // 1, 2, 4, 8, 16, 32, 64
    }
}

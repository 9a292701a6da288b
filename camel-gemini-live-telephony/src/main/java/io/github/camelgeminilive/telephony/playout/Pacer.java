package io.github.camelgeminilive.telephony.playout;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one 20 ms clock of a Camel context that paces the playouts of every call of every bridge: one scheduler
 * thread, no thread per call. A service of the context, made on first use and stopped with it.
 */
public final class Pacer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);
    private static final long TICK_MILLIS = 20;

    private final CamelContext context;
    private final Set<Playout> playouts = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    private Pacer(CamelContext context) {
        this.context = context;
    }

    /** The context's pacer, started. */
    public static Pacer of(CamelContext context) {
        synchronized (context) {
            Pacer pacer = context.hasService(Pacer.class);
            if (pacer == null) {
                pacer = new Pacer(context);
                try {
                    context.addService(pacer, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("The telephony pacer could not start: " + e.getMessage(), e);
                }
            }
            return pacer;
        }
    }

    /** Paces {@code playout} from the next tick until {@link #remove}. */
    public void add(Playout playout) {
        playouts.add(playout);
    }

    public void remove(Playout playout) {
        playouts.remove(playout);
    }

    @Override
    protected void doStart() {
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "TelephonyPacer");
        scheduler.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Playout playout : playouts) {
            try {
                playout.pump(now);
            } catch (RuntimeException e) { // one call's trouble must not stop the pacing of the others
                LOG.warn("Pacing a call failed", e);
            }
        }
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            context.getExecutorServiceManager().shutdown(scheduler);
            scheduler = null;
        }
        playouts.clear();
    }
}

package io.github.camelgeminilive.telephony.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads the datagrams of many UDP sockets (a SIP socket and every call's RTP socket): no thread per
 * call. Receivers run on it, so they must not block; the datagram's array is reused after they return.
 */
public final class UdpLoop {

    /** Takes one datagram. */
    public interface Receiver {
        void received(byte[] data, int length, InetSocketAddress from);
    }

    private static final Logger LOG = LoggerFactory.getLogger(UdpLoop.class);
    /** The largest UDP payload. */
    private static final int MAX_DATAGRAM = 65_507;

    private final Selector selector;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private volatile boolean running = true;

    /** Starts the loop on {@code thread} (a single-thread executor the caller shuts down after {@link #close}). */
    public UdpLoop(ExecutorService thread) throws IOException {
        this.selector = Selector.open();
        thread.execute(this::run);
    }

    /** Reads {@code channel} (non-blocking, bound) from now on, until it is closed. */
    public void register(DatagramChannel channel, Receiver receiver) throws IOException {
        channel.configureBlocking(false);
        pending.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, receiver);
            } catch (IOException e) { // closed before the loop got to it: nothing to read
                LOG.debug("A UDP socket closed before it was read: {}", e.getMessage());
            }
        });
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                for (Runnable task = pending.poll(); task != null; task = pending.poll()) {
                    task.run();
                }
                selector.select();
                for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isReadable()) {
                        drain(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("The UDP loop stopped", e);
            }
        }
    }

    private void drain(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        Receiver receiver = (Receiver) key.attachment();
        for (int i = 0; i < 64; i++) { // a busy socket must not starve the others
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                LOG.debug("A UDP socket could not be read: {}", e.getMessage());
                return;
            }
            if (from == null) {
                return;
            }
            try {
                receiver.received(buffer.array(), buffer.position(), from);
            } catch (RuntimeException e) { // one bad datagram must not stop the loop
                LOG.warn("A datagram from {} could not be handled", from, e);
            }
        }
    }

    /** Stops the loop; the sockets stay open for their owners to close. */
    public void close() {
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the UDP loop's selector: {}", e.getMessage());
        }
    }
}

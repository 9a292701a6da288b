package io.github.camelgeminilive.telephony.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;

/**
 * The UDP ports calls may take for RTP: even ones (RTCP would take the odd one above) in a configured range. Thread
 * safe.
 */
public final class RtpPorts {

    private final String host;
    private final int min;
    private final int max;
    private final BitSet used = new BitSet();
    private int cursor;

    public RtpPorts(String host, int min, int max) {
        if (min < 1024 || max > 65_534 || max < min + 1) {
            throw new IllegalArgumentException("the RTP port range must lie in 1024..65534 and hold two ports at"
                    + " least, got " + min + ".." + max);
        }
        this.host = host;
        this.min = min + (min & 1);
        this.max = max;
        this.cursor = this.min;
    }

    /** A socket bound to a free even port of the range; IOException when none is free. */
    public synchronized DatagramChannel open() throws IOException {
        int ports = (max - min) / 2 + 1;
        for (int i = 0; i < ports; i++) {
            int port = cursor;
            cursor = cursor + 2 > max ? min : cursor + 2;
            if (used.get(port)) {
                continue;
            }
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                channel.bind(new InetSocketAddress(host, port));
                used.set(port);
                return channel;
            } catch (IOException e) { // taken by another program: try the next
                channel.close();
            }
        }
        throw new IOException("no free RTP port in " + min + ".." + max);
    }

    /** Closes a socket from {@link #open()} and frees its port. */
    public synchronized void close(DatagramChannel channel, int port) {
        used.clear(port);
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to free: the port is released either way
        }
    }
}

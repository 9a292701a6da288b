package io.github.camelgeminilive.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to a local port that accepts connections at once but forwards nothing until {@link #release}: a
 * client's connect to the service cannot complete before the test says so.
 */
final class HeldConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    HeldConnectProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "held-connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Completes when a client has connected (and is being held). */
    CompletableFuture<Void> accepted() {
        return accepted;
    }

    void release() {
        released.complete(null);
    }

    private void accept() {
        try {
            while (!server.isClosed()) {
                Socket client = server.accept();
                sockets.add(client);
                accepted.complete(null);
                released.thenRun(() -> connect(client));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(upstream);
            pump(client.getInputStream(), upstream.getOutputStream());
            pump(upstream.getInputStream(), client.getOutputStream());
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                sockets.forEach(HeldConnectProxy::closeQuietly);
            }
        }, "held-connect-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(HeldConnectProxy::closeQuietly);
    }
}

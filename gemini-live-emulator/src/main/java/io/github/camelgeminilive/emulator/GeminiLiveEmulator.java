package io.github.camelgeminilive.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.github.camelgeminilive.emulator.model.EmulatorSettings;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.emulator.model.Scenario;
import io.github.camelgeminilive.emulator.model.ServiceLimits;
import io.github.camelgeminilive.emulator.model.SimulatedModel;
import io.github.camelgeminilive.emulator.server.CredentialPolicy;
import io.github.camelgeminilive.emulator.server.LiveServer;
import io.github.camelgeminilive.emulator.server.SelfSignedCertificate;

/**
 * A local stand-in for the Gemini Live API: the real wire protocol on the service's URL paths, a deterministic
 * simulated model (or a scripted scenario) and an admin API for inspection and fault injection.
 *
 * <pre>{@code
 * try (GeminiLiveEmulator emu = GeminiLiveEmulator.builder().apiKey("test-key").pace(0).build().start()) {
 *     URI base = emu.baseUrl(); // ws://127.0.0.1:PORT: append the endpoint path
 * }
 * }</pre>
 */
public final class GeminiLiveEmulator implements AutoCloseable {

    private final Builder config;
    private LiveServer server;
    private Path trustStore;
    private boolean temporaryTrustStore;

    private GeminiLiveEmulator(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving; with TLS, first generates the certificate and writes the trust store.
     * After {@link #stop()}, listens again on the same port with the sessions, handles and counters kept.
     *
     * @return this emulator, started
     * @throws IllegalStateException when already started
     * @throws UncheckedIOException     when the certificate or trust store cannot be made
     * @throws IllegalArgumentException when the scenario cannot be read
     */
    public synchronized GeminiLiveEmulator start() {
        if (server != null) {
            server.listen();
            return this;
        }
        Scenario scenario = config.scenario == null ? null : Scenario.load(config.scenario);
        ServiceLimits fromScenario = scenario == null ? ServiceLimits.DEFAULTS
                : scenario.limitOverrides().over(ServiceLimits.DEFAULTS);
        EmulatorSettings settings = new EmulatorSettings(config.pace, scenario, config.limits().over(fromScenario));
        SSLContext tls = config.tls ? createTls() : null;
        server = LiveServer.start(config.host, config.port, tls, CredentialPolicy.of(config.apiKey), config.engine,
                settings, config.maxMessageBytes, config.setupDelay);
        return this;
    }

    /**
     * Stops as a crashed process would: every connection is cut without a close frame (clients see an abnormal
     * closure) and the port is released. Unlike {@link #close()}, sessions, resumption handles, histories and
     * counters are kept: {@link #start()} listens on the same port again, and the admin API works meanwhile (with
     * no connection open). Does nothing when already stopped.
     *
     * @throws IllegalStateException when never started or closed
     */
    public synchronized void stop() {
        created().stop();
    }

    /** {@code ws://HOST:PORT} ({@code wss://localhost:PORT} with TLS); clients append the endpoint path. */
    public URI baseUrl() {
        if (config.tls) {
            return URI.create("wss://localhost:" + port());
        }
        String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return URI.create("ws://" + host + ":" + port());
    }

    /** The bound port (the ephemeral one when the builder said 0); the same while stopped and after a restart. */
    public int port() {
        return created().port();
    }

    /** The PKCS12 trust store holding the emulator's certificate (TLS only), password {@link #trustStorePassword()}. */
    public Path trustStore() {
        created();
        if (trustStore == null) {
            throw new IllegalStateException("The emulator was built without TLS: there is no trust store");
        }
        return trustStore;
    }

    public String trustStorePassword() {
        return config.trustStorePassword;
    }

    /** Session inspection and fault injection; also while stopped. */
    public EmulatorAdmin admin() {
        return created().admin();
    }

    /**
     * Closes open connections with 1001 (going away), stops the server and discards every session; a temporary
     * trust store is deleted. A later {@link #start()} begins afresh.
     */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (temporaryTrustStore && trustStore != null) {
            try {
                Files.deleteIfExists(trustStore);
            } catch (IOException e) {
                // a leftover temporary file is harmless; closing must not fail over it
            }
        }
    }

    private synchronized LiveServer created() {
        if (server == null) {
            throw new IllegalStateException("The emulator is not running: call start()");
        }
        return server;
    }

    private SSLContext createTls() {
        try {
            SelfSignedCertificate certificate = SelfSignedCertificate.localhost();
            temporaryTrustStore = config.trustStoreOut == null;
            trustStore = temporaryTrustStore ? Files.createTempFile("gemini-live-emulator-trust", ".p12")
                    : config.trustStoreOut;
            certificate.writeTrustStore(trustStore, config.trustStorePassword.toCharArray());
            return certificate.sslContext();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the emulator's TLS certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the emulator's TLS certificate", e);
        }
    }

    /**
     * Configures a {@link GeminiLiveEmulator}; every setting has a default. The service's limits set here win over
     * those of the scenario file, which win over the defaults ({@link ServiceLimits#DEFAULTS}).
     */
    public static final class Builder {
        /** Default of {@link #maxMessageBytes(long)}: 16 MiB. */
        public static final long DEFAULT_MAX_MESSAGE_BYTES = 16L * 1024 * 1024;

        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private boolean tls;
        private Path trustStoreOut;
        private String trustStorePassword = "changeit";
        private double pace = 1.0;
        private Path scenario;
        private ModelEngine engine;
        private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration setupDelay = Duration.ZERO;
        // null: the scenario's value, else the default
        private Duration connectionLifetime;
        private Duration goAwayBefore;
        private Duration audioSessionLength;
        private Duration videoSessionLength;
        private Long contextWindowTokens;
        private Integer concurrentSessions;

        private Builder() {
            this(new SimulatedModel());
        }

        private Builder(ModelEngine engine) {
            this.engine = engine;
        }

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; default 0 (ephemeral). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The one accepted key (API key, ephemeral token or bearer token); default: any non-empty key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Serve wss/https with a self-signed certificate for localhost and 127.0.0.1; default false. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Where to write the TLS trust store; default a temporary file (see {@link GeminiLiveEmulator#trustStore()}). */
        public Builder trustStoreOut(Path file) {
            this.trustStoreOut = file;
            return this;
        }

        /** Password of the written trust store; default {@code changeit}. */
        public Builder trustStorePassword(String password) {
            this.trustStorePassword = Objects.requireNonNull(password, "trustStorePassword");
            return this;
        }

        /**
         * Time reply audio takes to send, as a multiple of its length: 1.0 (default) real time, 0.5 twice as fast,
         * 2 half as fast, 0 as fast as possible.
         */
        public Builder pace(double pace) {
            if (!(pace >= 0) || Double.isInfinite(pace)) {
                throw new IllegalArgumentException("pace must be 0 or positive, got " + pace);
            }
            this.pace = pace;
            return this;
        }

        /** A scripted scenario (JSON, or YAML for .yaml/.yml), loaded at {@link GeminiLiveEmulator#start()}. */
        public Builder scenario(Path file) {
            this.scenario = file;
            return this;
        }

        /**
         * The largest client WebSocket message the emulator reads (all frames of a message together); a larger one
         * closes its connection with 1009 (message too big). Default {@value #DEFAULT_MAX_MESSAGE_BYTES} bytes.
         */
        public Builder maxMessageBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, got " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * How long each connection waits before its {@code setup} is read, so the client gets {@code setupComplete}
         * that much later, as behind a slow handshake (the real service's take 0.3-1 s); default 0, at most 1 h.
         */
        public Builder setupDelay(Duration delay) {
            if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("setupDelay must be from 0s to 3600s, got " + delay);
            }
            this.setupDelay = delay;
            return this;
        }

        /**
         * How long each connection lasts: {@code goAway} is sent {@link #goAwayBefore} ahead, then the connection is
         * closed with 1000. Default 10 min; zero: connections last until closed.
         */
        public Builder connectionLifetime(Duration lifetime) {
            this.connectionLifetime = lifetime;
            return this;
        }

        /** How long before the end of a connection's lifetime {@code goAway} is sent; default 60 s. */
        public Builder goAwayBefore(Duration ahead) {
            this.goAwayBefore = ahead;
            return this;
        }

        /**
         * How much audio a session without {@code contextWindowCompression} may stream, across resumes, before it is
         * closed with 1011: {@code audioOnly} (default 15 min), or {@code withVideo} once video was sent (default
         * 2 min). Zero: unlimited; null: the scenario's value or the default.
         */
        public Builder sessionLength(Duration audioOnly, Duration withVideo) {
            this.audioSessionLength = audioOnly;
            this.videoSessionLength = withVideo;
            return this;
        }

        /**
         * The context window in estimated tokens: compression keeps a session under it, without compression a
         * conversation beyond it closes the session with 1007. Default 128,000; 0: no window.
         */
        public Builder contextWindowTokens(long tokens) {
            this.contextWindowTokens = tokens;
            return this;
        }

        /** Sessions one key may have open at once; one more is refused with 1011. Default 0: no quota. */
        public Builder concurrentSessions(int sessions) {
            this.concurrentSessions = sessions;
            return this;
        }

        /** The simulated model; default {@link SimulatedModel}. */
        public Builder engine(ModelEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * An emulator with a snapshot of these settings (later changes to this builder do not affect it).
         *
         * @throws IllegalArgumentException when a limit is negative
         */
        public GeminiLiveEmulator build() {
            Builder snapshot = copy();
            snapshot.limits().over(ServiceLimits.DEFAULTS);
            return new GeminiLiveEmulator(snapshot);
        }

        private Builder copy() {
            Builder c = new Builder(engine);
            c.host = host;
            c.port = port;
            c.apiKey = apiKey;
            c.tls = tls;
            c.trustStoreOut = trustStoreOut;
            c.trustStorePassword = trustStorePassword;
            c.pace = pace;
            c.scenario = scenario;
            c.maxMessageBytes = maxMessageBytes;
            c.setupDelay = setupDelay;
            c.connectionLifetime = connectionLifetime;
            c.goAwayBefore = goAwayBefore;
            c.audioSessionLength = audioSessionLength;
            c.videoSessionLength = videoSessionLength;
            c.contextWindowTokens = contextWindowTokens;
            c.concurrentSessions = concurrentSessions;
            return c;
        }

        private ServiceLimits.Overrides limits() {
            return new ServiceLimits.Overrides(connectionLifetime, goAwayBefore, audioSessionLength,
                    videoSessionLength, contextWindowTokens, concurrentSessions);
        }
    }
}

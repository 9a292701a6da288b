package io.github.camelgeminilive.component;

import java.util.Map;

import io.github.camelgeminilive.session.SessionOptions;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.URISupport;

/**
 * Real-time voice and text sessions with Google's Gemini Live API: stream text, audio and video in, receive audio,
 * transcriptions, tool calls and turn events.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "gemini-live", title = "Gemini Live", syntax = "gemini-live:sessionKey",
             category = { Category.AI }, headersClass = GeminiLiveConstants.class)
public class GeminiLiveEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath(description = "The name of the live session; producers and consumers with the same key share it.")
    @Metadata(required = true)
    private String sessionKey;
    @UriParam
    private GeminiLiveConfiguration configuration;

    private ConnectionSettings connectionSettings;
    private SessionOptions sessionOptions;

    public GeminiLiveEndpoint(String uri, GeminiLiveComponent component, GeminiLiveConfiguration configuration) {
        // the URI Camel shows (logs, JMX, route dumps) must not carry the API key
        super(URISupport.sanitizeUri(uri), component);
        this.configuration = configuration;
    }

    @Override
    public GeminiLiveComponent getComponent() {
        return (GeminiLiveComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new GeminiLiveProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GeminiLiveConsumer consumer = new GeminiLiveConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        connectionSettings = LiveSettingsMapper.connectionSettings(configuration);
        sessionOptions = LiveSettingsMapper.sessionOptions(configuration, getComponent()::executeEvent);
    }

    /** The shared session for {@code key}; release it with {@link #releaseSession}. */
    SharedLiveSession acquireSession(String key) {
        return getComponent().acquireSession(key, connectionSettings, sessionOptions, configuration.isReconnect());
    }

    void releaseSession(SharedLiveSession session) {
        getComponent().releaseSession(session);
    }

    /** The service's base URL, for Camel's service location views (the credential is never part of it). */
    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "websocket";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("model", configuration.getModel(), "flavour", configuration.getFlavour().name());
    }

    public String getSessionKey() {
        return sessionKey;
    }

    public void setSessionKey(String sessionKey) {
        this.sessionKey = sessionKey;
    }

    public GeminiLiveConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(GeminiLiveConfiguration configuration) {
        this.configuration = configuration;
    }
}

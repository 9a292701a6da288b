package io.github.camelgeminilive.telephony.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code gemini-live-sip} component: phone calls over SIP and RTP (UDP) to Gemini Live sessions. It knows the
 * user agent listening on each host and port, so that a producer reaches the calls of the consumer there.
 */
@Component("gemini-live-sip")
public class GeminiLiveSipComponent extends DefaultComponent {

    private final Map<String, SipUserAgent> agents = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int colon = remaining.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("gemini-live-sip needs host:port, got '" + remaining + "'");
        }
        GeminiLiveSipEndpoint endpoint = new GeminiLiveSipEndpoint(uri, this);
        endpoint.setHost(remaining.substring(0, colon));
        try {
            endpoint.setPort(Integer.parseInt(remaining.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gemini-live-sip needs host:port, got '" + remaining + "'");
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    void listening(String address, SipUserAgent agent) {
        if (agents.putIfAbsent(address, agent) != null) {
            throw new IllegalStateException("A gemini-live-sip consumer listens on " + address + " already");
        }
    }

    /**
     * A consumer whose URI said port 0 listens on {@code picked} (host and the port it bound): producers reach it by
     * that address, or by {@code host:0} when it is the only such consumer on the host (the first one started).
     */
    void listeningOnPickedPort(String address, String picked, SipUserAgent agent) {
        listening(picked, agent);
        agents.putIfAbsent(address, agent);
    }

    void stopped(SipUserAgent agent) {
        agents.values().removeIf(a -> a == agent);
    }

    /** The user agent of the consumer on {@code host:port}, or null. */
    SipUserAgent agent(String address) {
        return agents.get(address);
    }
}

package io.github.camelgeminilive.telephony;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.URISupport;

import io.github.camelgeminilive.telephony.sip.GeminiLiveSipEndpoint;
import io.github.camelgeminilive.telephony.twilio.TwilioBridge;

/**
 * The {@code gemini-live-telephony} dev console: the counters of each Twilio bridge (a context service) and of each
 * {@code gemini-live-sip} endpoint, with the calls in progress of the bridges.
 */
@DevConsole(name = "gemini-live-telephony", displayName = "Gemini Live Telephony",
        description = "Phone calls of the Twilio bridges and SIP endpoints")
public class TelephonyDevConsole extends AbstractDevConsole {

    public TelephonyDevConsole() {
        super("camel", "gemini-live-telephony", "Gemini Live Telephony",
                "Phone calls of the Twilio bridges and SIP endpoints");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (TwilioBridge bridge : bridges()) {
            sb.append(String.format("Twilio bridge: %s%n", output(bridge)));
            sb.append(String.format("    Active calls: %d%n", bridge.getActiveCalls()));
            counters(sb, bridge.getCounterValues());
        }
        for (GeminiLiveSipEndpoint endpoint : sipEndpoints()) {
            sb.append(String.format("SIP endpoint: %s%n", endpoint.getEndpointUri()));
            counters(sb, endpoint.getCounterValues());
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<Map<String, Object>> bridges = new ArrayList<>();
        for (TwilioBridge bridge : bridges()) {
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("output", output(bridge));
            jo.put("activeCalls", bridge.getActiveCalls());
            jo.put("counters", bridge.getCounterValues());
            bridges.add(jo);
        }
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (GeminiLiveSipEndpoint endpoint : sipEndpoints()) {
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("uri", endpoint.getEndpointUri());
            jo.put("counters", endpoint.getCounterValues());
            endpoints.add(jo);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("twilioBridges", bridges);
        root.put("sipEndpoints", endpoints);
        return root;
    }

    private static void counters(StringBuilder sb, Map<String, Long> values) {
        values.forEach((name, value) -> sb.append(String.format("    %s: %d%n", name, value)));
    }

    private static String output(TwilioBridge bridge) {
        return URISupport.sanitizeUri(bridge.getOutput());
    }

    private List<TwilioBridge> bridges() {
        // a bridge is a bean (of the registry, or a route's own) that adds itself to the context's services
        Set<TwilioBridge> services = new LinkedHashSet<>(getCamelContext().hasServices(TwilioBridge.class));
        services.addAll(getCamelContext().getRegistry().findByType(TwilioBridge.class));
        List<TwilioBridge> found = new ArrayList<>(services);
        found.sort(Comparator.comparing(TelephonyDevConsole::output));
        return found;
    }

    private List<GeminiLiveSipEndpoint> sipEndpoints() {
        List<GeminiLiveSipEndpoint> found = new ArrayList<>();
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (e instanceof GeminiLiveSipEndpoint sip) {
                found.add(sip);
            }
        }
        found.sort(Comparator.comparing(Endpoint::getEndpointUri));
        return found;
    }
}

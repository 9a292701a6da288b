package io.github.camelgeminilive.protocol;

/**
 * A client-to-server message. On the wire exactly one field is set; the factories make sure of it.
 */
public record ClientMessage(
        Setup setup,
        ClientContent clientContent,
        RealtimeInput realtimeInput,
        ToolResponse toolResponse,
        ContextUpdate contextUpdate) {

    public static ClientMessage of(Setup setup) {
        return new ClientMessage(setup, null, null, null, null);
    }

    public static ClientMessage of(ClientContent clientContent) {
        return new ClientMessage(null, clientContent, null, null, null);
    }

    public static ClientMessage of(RealtimeInput realtimeInput) {
        return new ClientMessage(null, null, realtimeInput, null, null);
    }

    public static ClientMessage of(ToolResponse toolResponse) {
        return new ClientMessage(null, null, null, toolResponse, null);
    }

    public static ClientMessage of(ContextUpdate contextUpdate) {
        return new ClientMessage(null, null, null, null, contextUpdate);
    }

    /** The number of top-level fields set; a valid message has exactly one. */
    public int fieldCount() {
        int n = 0;
        for (Object o : new Object[] {setup, clientContent, realtimeInput, toolResponse, contextUpdate}) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }
}

package io.github.camelgeminilive.websocket;

/** Where a server listens: one Undertow server per distinct host and port of the component's endpoints. */
record HostKey(String host, int port) {

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

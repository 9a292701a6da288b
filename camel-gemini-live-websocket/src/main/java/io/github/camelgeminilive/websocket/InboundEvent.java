package io.github.camelgeminilive.websocket;

/** One event of a connection on its way to the route: its kind, body, and close code and reason (close only). */
record InboundEvent(GeminiLiveWebsocketEvent type, Object body, int closeCode, String closeReason) {

    static InboundEvent message(Object body) {
        return new InboundEvent(GeminiLiveWebsocketEvent.MESSAGE, body, 0, null);
    }
}

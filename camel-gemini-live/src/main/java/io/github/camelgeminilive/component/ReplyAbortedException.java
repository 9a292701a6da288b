package io.github.camelgeminilive.component;

import io.github.camelgeminilive.session.LiveSessionException;

/**
 * An InOut exchange's reply was cut off when the connection ended, and the resumed session will not answer again:
 * the service already had the question (nothing needed replaying). The session itself goes on, so sending the
 * exchange again (e.g. by redelivery) asks again. {@link #reason()} says why the connection ended.
 */
public class ReplyAbortedException extends LiveSessionException {

    private static final long serialVersionUID = 1L;

    public ReplyAbortedException(String sessionKey, String cause) {
        super("The model's reply on gemini-live session '" + sessionKey + "' was cut off when the connection ended ("
                + cause + ") and will not be answered again after the reconnect", 0, cause, null);
    }
}

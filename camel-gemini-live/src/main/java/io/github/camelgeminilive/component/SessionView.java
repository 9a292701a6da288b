package io.github.camelgeminilive.component;

import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * One session of an endpoint as the health check and the dev console show it.
 *
 * @param key               its session key
 * @param state             what it is doing
 * @param connectedAtMillis wall-clock start of its current connection; 0 before the first
 * @param resumable         it holds a resumption handle (a reconnect resumes the conversation)
 * @param failedAttempts    connection attempts failed since it last connected (more than 0: it cannot reconnect)
 * @param lastError         why it ended, when it ended with an error; else null
 * @param metrics           the client's counters, or null before it connected
 * @param refusedSends      sends refused before reaching the client (too many waiting for the connect or a reply)
 */
record SessionView(String key, SessionWatch.State state, long connectedAtMillis, boolean resumable,
        long failedAttempts, String lastError, ResilienceMetrics metrics, long refusedSends) {
}

/**
 * Public, on nothing of the project: {@code OrderedInbox} hands the items of one key (a session, a WebSocket
 * connection, a phone call) to their handler in order on a shared pool, bounded, counting what it drops. The client
 * runs a session's tasks with it; the WebSocket server and SIP components deliver a connection's or a call's
 * exchanges with it. {@code CompletionDrain} runs write completions off the I/O thread with few wake-ups: the
 * {@code gemini-live} and WebSocket producers continue their exchanges on it, and the {@code gemini-live} component
 * delivers sessions' events through one.
 */
package io.github.camelgeminilive.ordered;

/**
 * Internal, not API (public only for the client's other packages; may change without notice): how a session's
 * events reach its listener. {@code EventQueue} is the one bounded queue between a connection and the listener and
 * its executor the one thread hand-off; {@code OrderedTasks} runs a session's tasks one at a time, in order;
 * {@code SessionCounters} counts what the bounds dropped or refused.
 */
package io.github.camelgeminilive.session.delivery;

/**
 * The model's audio played to a phone call, shared by every telephony bridge: 24 kHz PCM converted to G.711, held
 * in a bounded playout buffer, sent in 20 ms frames paced in real time by one scheduler per Camel context, and
 * dropped at once on barge-in.
 */
package io.github.camelgeminilive.telephony.playout;

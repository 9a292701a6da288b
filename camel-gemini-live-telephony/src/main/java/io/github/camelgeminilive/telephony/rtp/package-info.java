/**
 * RTP for phone calls (RFC 3550, RFC 4733): packets parsed and written in reusable buffers, the per-call jitter
 * buffer that orders the caller's audio and fills its gaps, telephone-event DTMF, the port range and the one
 * shared UDP loop on which every call's socket is read.
 */
package io.github.camelgeminilive.telephony.rtp;

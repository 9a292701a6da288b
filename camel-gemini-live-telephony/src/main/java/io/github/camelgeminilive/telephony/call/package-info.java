/**
 * What the phone bridges (Twilio, SIP) share about calls: their counters ({@code CallCounters}) and the logging of
 * what they drop ({@code DropLog}). Knows no bridge.
 */
package io.github.camelgeminilive.telephony.call;

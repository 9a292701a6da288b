package io.github.camelgeminilive.protocol;

import java.time.Duration;

/** The connection ends in {@code timeLeft}; wire form is a protobuf Duration string such as {@code "50s"}. */
public record GoAway(Duration timeLeft) {
}

package io.github.camelgeminilive.emulator.model;

/** A client message the model cannot accept; the connection closes with 1007 and this message as the reason. */
final class InvalidClientInput extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidClientInput(String message) {
        super(message);
    }
}

package org.conclave.server.demo;

/** A relay request the room refuses; the message goes back to the host page as the error. */
final class RelayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RelayException(String message) {
        super(message);
    }
}

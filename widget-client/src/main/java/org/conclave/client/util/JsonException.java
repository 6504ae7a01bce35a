package org.conclave.client.util;

/** Malformed or oversized JSON text. The message names the problem and the character offset. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The character offset where the problem was found. */
    public final int offset;

    /** A parse failure at {@code offset}. */
    public JsonException(String problem, int offset) {
        super(problem + " at offset " + offset);
        this.offset = offset;
    }
}

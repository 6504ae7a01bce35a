package org.conclave.client.util;

/**
 * Where the client writes diagnostics. Callers log ids, key indexes, counts and state changes;
 * never keys, frames, tokens or to-device contents.
 */
public interface Log {
    /** A state change or milestone. */
    void info(String message);

    /** Something rejected or unexpected that the client survived. */
    void warn(String message);

    /** Detail useful only when debugging. */
    void debug(String message);
}

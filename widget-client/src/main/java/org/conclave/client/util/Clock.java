package org.conclave.client.util;

/** Wall-clock time in milliseconds since the epoch; injected so timed logic is testable. */
@FunctionalInterface
public interface Clock {
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    double nowMillis();
}

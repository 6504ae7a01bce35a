package org.conclave.server.config;

/**
 * A secret value (the LiveKit API secret): {@link #toString()} never shows it, so it cannot leak
 * through a log line, an exception message or a debugger's summary by accident.
 */
public final class Secret {
    private final String value;

    /** Wraps {@code value}, which must not be blank. */
    public Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("a secret must not be empty");
        }
        this.value = value;
    }

    /** The value itself, for the one place that signs with it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}

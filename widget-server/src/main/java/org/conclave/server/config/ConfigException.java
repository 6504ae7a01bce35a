package org.conclave.server.config;

/** A configuration value that cannot be used; the message names the variable and the fix. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

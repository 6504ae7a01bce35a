package org.conclave.client.platform;

import org.conclave.client.jso.Browser;
import org.conclave.client.util.Log;

/** {@link Log} to the browser console; debug lines only when enabled. */
public final class ConsoleLog implements Log {
    private final boolean debug;

    /** A console log; {@code debug} turns on {@link #debug} lines. */
    public ConsoleLog(boolean debug) {
        this.debug = debug;
    }

    @Override
    public void info(String message) {
        Browser.console("info", message);
    }

    @Override
    public void warn(String message) {
        Browser.console("warn", message);
    }

    @Override
    public void debug(String message) {
        if (debug) {
            Browser.console("debug", message);
        }
    }
}

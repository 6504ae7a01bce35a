package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.util.Log;

/** A {@link Log} that keeps its lines for assertions. */
public final class ListLog implements Log {
    public final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {
        lines.add("info: " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("warn: " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("debug: " + message);
    }

    /** Whether any warning contains {@code text}. */
    public boolean warned(String text) {
        return lines.stream().anyMatch(l -> l.startsWith("warn: ") && l.contains(text));
    }
}

package org.conclave.client.widgetapi;

/**
 * Which window messages the widget listens to (protocol.md §2, Conclave's stricter rule): only
 * those whose source is the parent frame and whose origin is the origin of {@code parentUrl}.
 * The widget id is checked later, by {@link WidgetApiClient}.
 */
public final class MessageFilter {
    private final String parentOrigin;

    /** A filter for the host at {@code parentOrigin} (as {@link Origins#of} gives it). */
    public MessageFilter(String parentOrigin) {
        if (parentOrigin == null || parentOrigin.isEmpty()) {
            throw new IllegalArgumentException("parent origin is required");
        }
        this.parentOrigin = parentOrigin;
    }

    /** Whether a message from a window ({@code fromParent}) at {@code origin} may be read. */
    public boolean accepts(boolean fromParent, String origin) {
        return fromParent && parentOrigin.equals(origin);
    }

    /** The origin the widget posts to. */
    public String parentOrigin() {
        return parentOrigin;
    }
}

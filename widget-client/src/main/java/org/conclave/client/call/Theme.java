package org.conclave.client.call;

import org.conclave.client.util.Ascii;

/**
 * The host's theme as Element Web names it (protocol.md §1): a name containing {@code light} is
 * light, anything else dark; {@code high-contrast} adds high contrast.
 */
public final class Theme {
    /** Element Web's default when no theme is given. */
    public static final Theme DEFAULT = new Theme(false, false);

    public final boolean light;
    public final boolean highContrast;

    private Theme(boolean light, boolean highContrast) {
        this.light = light;
        this.highContrast = highContrast;
    }

    /** The theme for a host theme name; {@code null} or empty is {@link #DEFAULT}. */
    public static Theme fromName(String name) {
        if (name == null || name.isEmpty()) {
            return DEFAULT;
        }
        String n = Ascii.toLowerCase(name);
        return new Theme(n.contains("light"), n.contains("high-contrast"));
    }

    /** The value of the page's {@code data-theme} attribute: light, dark, light-hc or dark-hc. */
    public String cssName() {
        return (light ? "light" : "dark") + (highContrast ? "-hc" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Theme && ((Theme) o).light == light && ((Theme) o).highContrast == highContrast;
    }

    @Override
    public int hashCode() {
        return (light ? 1 : 0) + (highContrast ? 2 : 0);
    }

    @Override
    public String toString() {
        return cssName();
    }
}

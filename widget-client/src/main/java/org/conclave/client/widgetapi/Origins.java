package org.conclave.client.widgetapi;

import org.conclave.client.util.Ascii;

/** Origins as the browser's {@code MessageEvent.origin} spells them. */
public final class Origins {
    private Origins() {}

    /**
     * The origin ({@code scheme://host[:port]}) of an http(s) URL, with a default port dropped, or
     * {@code null} if {@code url} is not an absolute http(s) URL. A hostile {@code parentUrl}
     * therefore cannot widen whom the widget talks to.
     */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        int colon = url.indexOf("://");
        if (colon <= 0) {
            return null;
        }
        String scheme = Ascii.toLowerCase(url.substring(0, colon));
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.indexOf('\\') >= 0) {
            return null;
        }
        String host = authority;
        String port = null;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && authority.indexOf(']', portColon) < 0) {
            host = authority.substring(0, portColon);
            port = authority.substring(portColon + 1);
            if (!isPort(port)) {
                return null;
            }
            if ((scheme.equals("http") && port.equals("80")) || (scheme.equals("https") && port.equals("443"))) {
                port = null;
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        return scheme + "://" + Ascii.toLowerCase(host) + (port == null ? "" : ":" + Integer.parseInt(port));
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(s) <= 65535;
    }
}

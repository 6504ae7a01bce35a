package org.conclave.client.widgetapi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.util.Ascii;
import org.conclave.client.util.Utf8;

/**
 * The parameters Element Web passes in the widget URL (protocol.md §1): most in the fragment
 * ({@code #?userId=…&roomId=…}), {@code widgetId} and {@code parentUrl} in the query. A name is
 * looked up in the fragment first, then the query.
 */
public final class WidgetParams {
    private final Map<String, String> fragment;
    private final Map<String, String> query;

    private WidgetParams(Map<String, String> fragment, Map<String, String> query) {
        this.fragment = fragment;
        this.query = query;
    }

    /**
     * Reads {@code search} (as {@code location.search}, with or without {@code ?}) and {@code hash}
     * (as {@code location.hash}: {@code #?a=b}, {@code #a=b}, or {@code #/path?a=b}).
     */
    public static WidgetParams parse(String search, String hash) {
        String q = search == null ? "" : search;
        if (q.startsWith("?")) {
            q = q.substring(1);
        }
        String h = hash == null ? "" : hash;
        if (h.startsWith("#")) {
            h = h.substring(1);
        }
        int qm = h.indexOf('?');
        if (qm >= 0) {
            h = h.substring(qm + 1);
        }
        return new WidgetParams(split(h), split(q));
    }

    private static Map<String, String> split(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start <= s.length()) {
            int amp = s.indexOf('&', start);
            int end = amp < 0 ? s.length() : amp;
            String pair = s.substring(start, end);
            start = end + 1;
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** Percent-decoding as {@code decodeURIComponent} plus {@code +} as space; bad escapes kept. */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        byte[] bytes = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c == '%' && i + 2 < s.length()
                    && Ascii.hexDigit(s.charAt(i + 1)) >= 0 && Ascii.hexDigit(s.charAt(i + 2)) >= 0) {
                bytes[n++] = (byte) (Ascii.hexDigit(s.charAt(i + 1)) * 16 + Ascii.hexDigit(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] enc = Utf8.encode(String.valueOf(c));
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    enc = Utf8.encode(s.substring(i, i + 2));
                    i++;
                }
                for (byte b : enc) {
                    bytes[n++] = b;
                }
            }
        }
        return Utf8.decode(bytes, 0, n);
    }

    /** The parameter, fragment first, or {@code null}. */
    public String get(String name) {
        String v = fragment.get(name);
        return v != null ? v : query.get(name);
    }

    /** The parameter, or {@code fallback} when absent or empty. */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** A boolean flag: {@code true}/{@code 1} are true, {@code false}/{@code 0} false, else null. */
    public Boolean flag(String name) {
        String v = get(name);
        if ("true".equals(v) || "1".equals(v) || "".equals(v)) {
            return Boolean.TRUE;
        }
        if ("false".equals(v) || "0".equals(v)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** Widget mode: Element Web added both {@code widgetId} and {@code parentUrl}. */
    public boolean isWidgetMode() {
        return notEmpty(get("widgetId")) && notEmpty(get("parentUrl"));
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}

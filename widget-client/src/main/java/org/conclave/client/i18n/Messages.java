package org.conclave.client.i18n;

import java.util.EnumMap;
import java.util.Map;
import org.conclave.client.util.JsonObject;

/**
 * One language's words for every {@link Msg}: English built in, the others read from
 * {@code static/i18n/<lang>.json} (a key missing there falls back to English; unknown keys and
 * non-string values are ignored, so a bad file cannot break the screen).
 */
public final class Messages {
    /** The languages Conclave has, besides English, each a file {@code i18n/<code>.json}. */
    static final String[] TRANSLATED = {"de", "ar"};
    private static final String[] RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"};
    private static final Messages ENGLISH = new Messages("en", new EnumMap<>(Msg.class));

    private final String lang;
    private final Map<Msg, String> texts;

    private Messages(String lang, Map<Msg, String> texts) {
        this.lang = lang;
        this.texts = texts;
    }

    public static Messages english() {
        return ENGLISH;
    }

    /** {@code lang}'s words from its file's parsed {@code bundle}. */
    public static Messages of(String lang, JsonObject bundle) {
        Map<Msg, String> texts = new EnumMap<>(Msg.class);
        for (Msg m : Msg.values()) {
            String v = bundle.getString(m.key());
            if (v != null && !v.isEmpty()) {
                texts.put(m, v);
            }
        }
        return new Messages(lang, texts);
    }

    /**
     * The language Conclave shows for a BCP 47 tag such as the {@code lang} widget parameter
     * ({@code de-AT} → {@code de}): one it has, else English.
     */
    public static String supported(String tag) {
        if (tag == null) {
            return "en";
        }
        int dash = tag.indexOf('-') >= 0 ? tag.indexOf('-') : tag.indexOf('_');
        String base = org.conclave.client.util.Ascii.toLowerCase(dash < 0 ? tag : tag.substring(0, dash));
        for (String l : TRANSLATED) {
            if (l.equals(base)) {
                return l;
            }
        }
        return "en";
    }

    /** The language code, for {@code <html lang>}. */
    public String lang() {
        return lang;
    }

    /** Whether the language is written right to left ({@code <html dir="rtl">}). */
    public boolean rightToLeft() {
        for (String l : RIGHT_TO_LEFT) {
            if (l.equals(lang)) {
                return true;
            }
        }
        return false;
    }

    /** {@code msg} in this language with {@code args} (strings or {@link Text}s) in place of {0}, {1}… */
    public String get(Msg msg, Object... args) {
        String template = texts.get(msg);
        if (template == null) {
            template = msg.english();
        }
        if (args.length == 0 || template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            int n = close == i + 2 ? template.charAt(i + 1) - '0' : -1;
            if (n >= 0 && n < args.length) {
                Object a = args[n];
                out.append(a instanceof Text ? render((Text) a) : String.valueOf(a));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** {@code text} in this language; empty for null. */
    public String render(Text text) {
        return text == null ? "" : get(text.msg(), text.args());
    }
}

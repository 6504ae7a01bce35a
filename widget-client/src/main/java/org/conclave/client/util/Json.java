package org.conclave.client.util;

/**
 * Strict RFC 8259 JSON parser and writer for {@link JsonValue}.
 *
 * <p>Input comes from other origins and other users, so parsing is bounded: at most
 * {@link #MAX_DEPTH} levels of nesting and {@link #MAX_LENGTH} characters. Anything else wrong
 * (trailing data, bad escapes, lone surrogates are allowed as JSON allows them) is a
 * {@link JsonException} naming the offset.
 */
public final class Json {
    /** Deepest nesting accepted; Matrix events are far shallower. */
    public static final int MAX_DEPTH = 64;
    /** Longest text accepted (characters); a Matrix event is at most 65,536 bytes. */
    public static final int MAX_LENGTH = 1 << 20;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value filling the whole text (at most {@link #MAX_LENGTH} characters). */
    public static JsonValue parse(String text) {
        return parse(text, MAX_LENGTH);
    }

    /** Parses one JSON value filling the whole text, of at most {@code maxLength} characters. */
    public static JsonValue parse(String text, int maxLength) {
        if (text == null) {
            throw new JsonException("no JSON text", 0);
        }
        if (text.length() > maxLength) {
            throw new JsonException("JSON text longer than " + maxLength + " characters", 0);
        }
        Json parser = new Json(text);
        parser.skipWhitespace();
        JsonValue value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw new JsonException("trailing data", parser.pos);
        }
        return value;
    }

    /** Parses text that must be a JSON object. */
    public static JsonObject parseObject(String text) {
        return parseObject(text, MAX_LENGTH);
    }

    /** Parses text of at most {@code maxLength} characters that must be a JSON object. */
    public static JsonObject parseObject(String text, int maxLength) {
        JsonObject object = parse(text, maxLength).asObject();
        if (object == null) {
            throw new JsonException("expected a JSON object", 0);
        }
        return object;
    }

    private JsonValue readValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nested deeper than " + MAX_DEPTH, pos);
        }
        if (pos >= text.length()) {
            throw new JsonException("unexpected end", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject(depth);
            case '[':
                return readArray(depth);
            case '"':
                return JsonValue.of(readString());
            case 't':
                expectWord("true");
                return JsonValue.of(true);
            case 'f':
                expectWord("false");
                return JsonValue.of(false);
            case 'n':
                expectWord("null");
                return JsonValue.ofNull();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw new JsonException("unexpected character", pos);
        }
    }

    private JsonObject readObject(int depth) {
        JsonObject object = new JsonObject();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected a member name", pos);
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(name, readValue(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return object;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or '}'", pos - 1);
            }
        }
    }

    private JsonArray readArray(int depth) {
        JsonArray array = new JsonArray();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(readValue(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return array;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or ']'", pos - 1);
            }
        }
    }

    private String readString() {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw new JsonException("unterminated string", start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw new JsonException("control character in string", pos);
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                pos++;
                sb.append(readEscape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private char readEscape() {
        char e = next();
        switch (e) {
            case '"':
            case '\\':
            case '/':
                return e;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw new JsonException("truncated \\u escape", pos);
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Ascii.hexDigit(text.charAt(pos++));
                    if (digit < 0) {
                        throw new JsonException("bad \\u escape", pos - 1);
                    }
                    code = code * 16 + digit;
                }
                return (char) code;
            default:
                throw new JsonException("bad escape", pos - 1);
        }
    }

    private JsonValue readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw new JsonException("bad number", start);
        }
        if (peek() == '.') {
            pos++;
            requireDigit(start);
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigit(start);
            skipDigits();
        }
        double value = pos - start <= 15 ? smallInteger(start) : Double.NaN;
        if (Double.isNaN(value)) {
            value = Numbers.parse(text.substring(start, pos));
        }
        if (Double.isInfinite(value)) {
            throw new JsonException("number out of range", start);
        }
        return JsonValue.of(value);
    }

    /**
     * The number at {@code start..pos} when it is an integer of at most 15 digits (timestamps,
     * sizes: most numbers in Matrix events), exact in a double; else NaN. Much cheaper than
     * {@code Double.parseDouble} in the browser build.
     */
    private double smallInteger(int start) {
        int i = start;
        boolean negative = text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        double value = 0;
        for (; i < pos; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Double.NaN;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    private void requireDigit(int start) {
        if (!isDigit(peek())) {
            throw new JsonException("bad number", start);
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expectWord(String word) {
        if (!text.startsWith(word, pos)) {
            throw new JsonException("unexpected character", pos);
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (next() != c) {
            throw new JsonException("expected '" + c + "'", pos - 1);
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw new JsonException("unexpected end", pos);
        }
        return text.charAt(pos++);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    static void writeString(String s, StringBuilder out) {
        out.append('"');
        // Runs that need no escaping go in whole: one copy, not a call per character (keys,
        // ids and base64 have none, and in the browser each call is TeaVM code).
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029) {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    out.append("\\u");
                    String hex = Integer.toHexString(c);
                    for (int k = hex.length(); k < 4; k++) {
                        out.append('0');
                    }
                    out.append(hex);
            }
        }
        out.append(s, run, s.length());
        out.append('"');
    }
}

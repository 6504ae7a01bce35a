package org.conclave.client.util;

/**
 * A JSON value in Conclave's small JSON model, which runs unchanged on the JVM and under TeaVM
 * (Jackson does not). Values are immutable once built, except {@link JsonObject} and
 * {@link JsonArray} while their builder methods are in use.
 *
 * <p>Accessors never throw on a type mismatch: {@code asString()} of a number is {@code null}, so
 * that validating untrusted events reads as a chain of checks rather than try/catch.
 */
public abstract class JsonValue {
    JsonValue() {}

    /** The string, or {@code null} if this is not a JSON string. */
    public String asString() {
        return null;
    }

    /** This object, or {@code null} if this is not a JSON object. */
    public JsonObject asObject() {
        return null;
    }

    /** This array, or {@code null} if this is not a JSON array. */
    public JsonArray asArray() {
        return null;
    }

    /** Whether this is a JSON number. */
    public boolean isNumber() {
        return false;
    }

    /** The number (as a double; exact for integers up to 2^53), or {@code NaN} if not a number. */
    public double asDouble() {
        return Double.NaN;
    }

    /** The boolean, or {@code null} if this is not a JSON boolean. */
    public Boolean asBoolean() {
        return null;
    }

    /** Whether this is JSON {@code null}. */
    public boolean isNull() {
        return false;
    }

    /** Appends this value's compact JSON text. */
    abstract void write(StringBuilder out);

    /** This value as compact JSON text. */
    public final String toJson() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** A JSON string value. */
    public static JsonValue of(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }

    /** A JSON number value. */
    public static JsonValue of(double value) {
        return new JsonNumber(value);
    }

    /** A JSON boolean value. */
    public static JsonValue of(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }

    /** JSON {@code null}. */
    public static JsonValue ofNull() {
        return JsonNull.INSTANCE;
    }

    static final class JsonString extends JsonValue {
        private final String value;

        JsonString(String value) {
            this.value = value;
        }

        @Override
        public String asString() {
            return value;
        }

        @Override
        void write(StringBuilder out) {
            Json.writeString(value, out);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonString && ((JsonString) o).value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    static final class JsonNumber extends JsonValue {
        private final double value;

        JsonNumber(double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("JSON has no NaN or infinity");
            }
            this.value = value;
        }

        @Override
        public boolean isNumber() {
            return true;
        }

        @Override
        public double asDouble() {
            return value;
        }

        @Override
        void write(StringBuilder out) {
            if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
                out.append((long) value);
            } else {
                out.append(Numbers.format(value));
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber && ((JsonNumber) o).value == value;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value);
        }
    }

    static final class JsonBoolean extends JsonValue {
        static final JsonBoolean TRUE = new JsonBoolean(true);
        static final JsonBoolean FALSE = new JsonBoolean(false);
        private final boolean value;

        private JsonBoolean(boolean value) {
            this.value = value;
        }

        @Override
        public Boolean asBoolean() {
            return value;
        }

        @Override
        void write(StringBuilder out) {
            out.append(value);
        }
    }

    static final class JsonNull extends JsonValue {
        static final JsonNull INSTANCE = new JsonNull();

        @Override
        public boolean isNull() {
            return true;
        }

        @Override
        void write(StringBuilder out) {
            out.append("null");
        }
    }
}

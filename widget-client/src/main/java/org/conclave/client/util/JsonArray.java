package org.conclave.client.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A JSON array. */
public final class JsonArray extends JsonValue {
    private final List<JsonValue> items = new ArrayList<>();

    /** An empty array. */
    public JsonArray() {}

    @Override
    public JsonArray asArray() {
        return this;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /** The item at {@code index}. */
    public JsonValue get(int index) {
        return items.get(index);
    }

    /** The items (read-only view). */
    public List<JsonValue> items() {
        return Collections.unmodifiableList(items);
    }

    /** Appends an item ({@code null} as JSON null). Returns this. */
    public JsonArray add(JsonValue value) {
        items.add(value == null ? JsonValue.ofNull() : value);
        return this;
    }

    /** Appends a string. Returns this. */
    public JsonArray add(String value) {
        return add(JsonValue.of(value));
    }

    /** An array of the given strings. */
    public static JsonArray ofStrings(Iterable<String> values) {
        JsonArray array = new JsonArray();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    @Override
    void write(StringBuilder out) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            items.get(i).write(out);
        }
        out.append(']');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray && ((JsonArray) o).items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}

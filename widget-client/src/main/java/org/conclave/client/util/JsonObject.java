package org.conclave.client.util;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object with insertion-ordered members. Typed getters return {@code null} (or the given
 * default) when a member is missing or of another type: callers validating untrusted input check
 * for {@code null} instead of catching.
 */
public final class JsonObject extends JsonValue {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    /** An empty object. */
    public JsonObject() {}

    @Override
    public JsonObject asObject() {
        return this;
    }

    /** The member, or {@code null} if absent. */
    public JsonValue get(String name) {
        return members.get(name);
    }

    /** Whether the member exists (possibly as JSON null). */
    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** The member if it is a string, else {@code null}. */
    public String getString(String name) {
        JsonValue v = members.get(name);
        return v == null ? null : v.asString();
    }

    /** The member if it is an object, else {@code null}. */
    public JsonObject getObject(String name) {
        JsonValue v = members.get(name);
        return v == null ? null : v.asObject();
    }

    /** The member if it is an array, else {@code null}. */
    public JsonArray getArray(String name) {
        JsonValue v = members.get(name);
        return v == null ? null : v.asArray();
    }

    /** The member if it is a number, else {@code fallback}. */
    public double getNumber(String name, double fallback) {
        JsonValue v = members.get(name);
        return v != null && v.isNumber() ? v.asDouble() : fallback;
    }

    /** The member if it is a boolean, else {@code fallback}. */
    public boolean getBoolean(String name, boolean fallback) {
        JsonValue v = members.get(name);
        Boolean b = v == null ? null : v.asBoolean();
        return b == null ? fallback : b;
    }

    /** Member names in insertion order (read-only view). */
    public Set<String> names() {
        return Collections.unmodifiableSet(members.keySet());
    }

    /** Number of members. */
    public int size() {
        return members.size();
    }

    /** Sets a member; a {@code null} value is stored as JSON null. Returns this. */
    public JsonObject put(String name, JsonValue value) {
        members.put(name, value == null ? JsonValue.ofNull() : value);
        return this;
    }

    /** Sets a string member ({@code null} stored as JSON null). Returns this. */
    public JsonObject put(String name, String value) {
        return put(name, JsonValue.of(value));
    }

    /** Sets a number member. Returns this. */
    public JsonObject put(String name, double value) {
        return put(name, JsonValue.of(value));
    }

    /** Sets a boolean member. Returns this. */
    public JsonObject put(String name, boolean value) {
        return put(name, JsonValue.of(value));
    }

    /** Removes a member. Returns this. */
    public JsonObject remove(String name) {
        members.remove(name);
        return this;
    }

    @Override
    void write(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.writeString(e.getKey(), out);
            out.append(':');
            e.getValue().write(out);
        }
        out.append('}');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject && ((JsonObject) o).members.equals(members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }
}

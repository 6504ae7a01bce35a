package org.conclave.client.testing;

import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;

/** Test helper: variants of a JSON object for table-driven validation tests. */
public final class JsonEdits {
    private JsonEdits() {}

    /**
     * {@code base} with the members of {@code overrides} (a JSON object's members, without braces)
     * set, or removed where the override is {@code null}.
     */
    public static JsonObject apply(String base, String overrides) {
        JsonObject content = Json.parseObject(base);
        JsonObject change = Json.parseObject("{" + overrides + "}");
        for (String name : change.names()) {
            if (change.get(name).isNull()) {
                content.remove(name);
            } else {
                content.put(name, change.get(name));
            }
        }
        return content;
    }
}

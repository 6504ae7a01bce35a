package org.conclave.client.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsAMatrixEvent() {
        String text = "{\"type\":\"m.room.name\",\"state_key\":\"\",\"content\":{\"name\":\"Caf\\u00e9 \\\"x\\\"\\n\"},"
                + "\"origin_server_ts\":1760000000000,\"ok\":true,\"none\":null,\"list\":[1,2.5,-3e2]}";
        JsonObject o = Json.parseObject(text);
        assertThat(o.getString("type")).isEqualTo("m.room.name");
        assertThat(o.getObject("content").getString("name")).isEqualTo("Café \"x\"\n");
        assertThat(o.getNumber("origin_server_ts", 0)).isEqualTo(1.76e12);
        assertThat(o.getBoolean("ok", false)).isTrue();
        assertThat(o.get("none").isNull()).isTrue();
        assertThat(o.getArray("list").get(2).asDouble()).isEqualTo(-300);
        assertThat(Json.parse(o.toJson())).isEqualTo(o);
        assertThat(o.toJson()).contains("\"origin_server_ts\":1760000000000");
    }

    @Test
    void typedGettersReturnNullOnMismatch() {
        JsonObject o = Json.parseObject("{\"a\":1,\"b\":\"x\"}");
        assertThat(o.getString("a")).isNull();
        assertThat(o.getObject("b")).isNull();
        assertThat(o.getArray("missing")).isNull();
        assertThat(o.getNumber("b", -1)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"\\u12\"", "tru",
        "{\"a\":1} x", "\"unterminated", "{a:1}", "[1 2]", "1e", "\"tab\there\""})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class);
    }

    @Test
    void rejectsHostileNestingAndSize() {
        assertThatThrownBy(() -> Json.parse("[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2)))
                .isInstanceOf(JsonException.class).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> Json.parse("\"" + "a".repeat(Json.MAX_LENGTH) + "\""))
                .isInstanceOf(JsonException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Json.parse("1e999")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.parseObject("[]")).isInstanceOf(JsonException.class);
    }

    @Test
    void escapesAtTheEdgesOfAStringAndBetweenPlainRuns() {
        String text = "\"quoted\"\tand\\\nplain \u00e9\u2029\r";
        JsonObject o = new JsonObject().put("s", text).put("plain", "abc+/=").put("empty", "");
        assertThat(o.toJson()).isEqualTo(
                "{\"s\":\"\\\"quoted\\\"\\tand\\\\\\nplain \u00e9\\u2029\\r\",\"plain\":\"abc+/=\",\"empty\":\"\"}");
        assertThat(Json.parseObject(o.toJson()).getString("s")).isEqualTo(text);
    }

    @Test
    void escapesControlAndSeparatorCharacters() {
        JsonObject o = new JsonObject().put("s", "a\u0001b\u2028c\\d/");
        assertThat(o.toJson()).isEqualTo("{\"s\":\"a\\u0001b\\u2028c\\\\d/\"}");
        assertThat(Json.parseObject(o.toJson()).getString("s")).isEqualTo("a\u0001b\u2028c\\d/");
    }
}

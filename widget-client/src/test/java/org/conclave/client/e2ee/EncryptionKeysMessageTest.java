package org.conclave.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import org.conclave.client.util.Base64;
import org.conclave.client.testing.JsonEdits;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptionKeysMessageTest {
    private static final String ROOM = "!r:ex.org";
    private static final String KEY16 = Base64.encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    /** Element Call's message, as protocol.md §5 shows it. */
    private static final String ELEMENT_CALL = "{\"keys\":{\"index\":0,\"key\":\"" + KEY16 + "\"},\"room_id\":\"" + ROOM
            + "\",\"member\":{\"claimed_device_id\":\"DEV\",\"id\":\"@alice:ex.org:DEV\"},"
            + "\"session\":{\"call_id\":\"\",\"application\":\"m.call\",\"scope\":\"m.room\"},\"sent_ts\":1760000000000}";

    private static JsonObject message(String content) {
        return new JsonObject().put("type", EncryptionKeysMessage.TYPE).put("sender", "@alice:ex.org")
                .put("content", Json.parseObject(content));
    }

    @Test
    void elementCallsKeysParse() {
        EncryptionKeysMessage.Received r = EncryptionKeysMessage.parse(message(ELEMENT_CALL), ROOM).received();
        assertThat(r.userId()).isEqualTo("@alice:ex.org");
        assertThat(r.deviceId()).isEqualTo("DEV");
        assertThat(r.key().index()).isZero();
        assertThat(r.key().bytes()).hasSize(16);
        assertThat(r.sentTs()).isEqualTo(1.76e12);
        assertThat(r.toString()).doesNotContain(KEY16);
    }

    @Test
    void conclavesOwnContentRoundTrips() {
        MediaKey key = new MediaKey(17, new byte[32]);
        JsonObject content = EncryptionKeysMessage.content(ROOM, "@bob:ex.org", "BOB", key, 5);
        JsonObject message = new JsonObject().put("type", EncryptionKeysMessage.TYPE).put("sender", "@bob:ex.org")
                .put("content", content);
        EncryptionKeysMessage.Received r = EncryptionKeysMessage.parse(message, ROOM).received();
        assertThat(r.deviceId()).isEqualTo("BOB");
        assertThat(r.key().index()).isEqualTo(17);
        assertThat(r.key().bytes()).isEqualTo(key.bytes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "another room | \"room_id\":\"!other:ex.org\"",
        "no room | \"room_id\":null",
        "no member | \"member\":null",
        "no claimed device | \"member\":{\"id\":\"x\"}",
        "keys an array | \"keys\":[{\"index\":0,\"key\":\"AAAA\"}]",
        "index missing | \"keys\":{\"key\":\"" + "AAECAwQFBgcICQoLDA0ODw==" + "\"}",
        "index a string | \"keys\":{\"index\":\"0\",\"key\":\"AAECAwQFBgcICQoLDA0ODw==\"}",
        "index fractional | \"keys\":{\"index\":1.5,\"key\":\"AAECAwQFBgcICQoLDA0ODw==\"}",
        "index 256 | \"keys\":{\"index\":256,\"key\":\"AAECAwQFBgcICQoLDA0ODw==\"}",
        "index negative | \"keys\":{\"index\":-1,\"key\":\"AAECAwQFBgcICQoLDA0ODw==\"}",
        "key not base64 | \"keys\":{\"index\":0,\"key\":\"not base64!\"}",
        "key too short | \"keys\":{\"index\":0,\"key\":\"AAECAw==\"}",
        "key a number | \"keys\":{\"index\":0,\"key\":12}",
    })
    void malformedOrForeignKeysAreRejected(String what, String override) {
        JsonObject content = JsonEdits.apply(ELEMENT_CALL, override);
        EncryptionKeysMessage.Parsed parsed = EncryptionKeysMessage.parse(message(content.toJson()), ROOM);
        assertThat(parsed.received()).as(what).isNull();
        assertThat(parsed.rejection()).as(what).isNotBlank().doesNotContain("AAECAw");
    }

    @Test
    void absurdSizesAreRejected() {
        String huge = Base64.encode(new byte[4096]);
        JsonObject content = Json.parseObject(ELEMENT_CALL);
        content.getObject("keys").put("key", huge);
        assertThat(EncryptionKeysMessage.parse(message(content.toJson()), ROOM).rejection()).isNotNull();
        content = Json.parseObject(ELEMENT_CALL);
        content.getObject("member").put("claimed_device_id", "D".repeat(10_000));
        assertThat(EncryptionKeysMessage.parse(message(content.toJson()), ROOM).rejection()).isNotNull();
    }
}

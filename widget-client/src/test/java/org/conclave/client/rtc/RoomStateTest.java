package org.conclave.client.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.testing.ListLog;
import org.conclave.client.util.Json;
import org.junit.jupiter.api.Test;

class RoomStateTest {
    private final ListLog log = new ListLog();
    private final RoomState room = new RoomState("!r:ex.org", log);

    @Test
    void tracksTheRoomNameIdempotently() {
        List<String> changes = new ArrayList<>();
        room.addListener((type, key, event) -> changes.add(type));
        String name = "{\"type\":\"m.room.name\",\"state_key\":\"\",\"room_id\":\"!r:ex.org\",\"content\":{\"name\":\" Standup \"}}";
        assertThat(room.apply(Json.parseObject(name))).isTrue();
        assertThat(room.apply(Json.parseObject(name))).isFalse();
        assertThat(room.roomName()).isEqualTo("Standup");
        assertThat(changes).containsExactly("m.room.name");
    }

    @Test
    void dropsForeignAndMalformedEvents() {
        assertThat(room.apply(Json.parseObject("{\"type\":\"m.room.name\",\"state_key\":\"\",\"room_id\":\"!other:ex.org\",\"content\":{\"name\":\"x\"}}"))).isFalse();
        assertThat(room.apply(Json.parseObject("{\"type\":\"m.room.name\",\"content\":{\"name\":\"x\"}}"))).isFalse();
        assertThat(room.apply(Json.parseObject("{\"type\":\"m.room.name\",\"state_key\":\"\",\"content\":\"x\"}"))).isFalse();
        assertThat(room.apply(Json.parseObject("{\"type\":5,\"state_key\":\"\",\"content\":{}}"))).isFalse();
        assertThat(room.roomName()).isNull();
        assertThat(log.warned("another room")).isTrue();
    }

    @Test
    void aNameThatIsNotAStringIsNoName() {
        room.apply(Json.parseObject("{\"type\":\"m.room.name\",\"state_key\":\"\",\"content\":{\"name\":42}}"));
        assertThat(room.roomName()).isNull();
    }
}

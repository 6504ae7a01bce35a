package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class DisplayNamesTest {
    private static JsonObject member(String userId, String membership, String name) {
        JsonObject content = new JsonObject().put("membership", membership);
        if (name != null) {
            content.put("displayname", name);
        }
        return new JsonObject().put("type", "m.room.member").put("state_key", userId).put("content", content);
    }

    @Test
    void avatarsAreWellFormedMediaUrisOfJoinedMembersOnly() {
        JsonObject alice = member("@alice:ex.org", "join", "Alice");
        alice.getObject("content").put("avatar_url", "mxc://ex.org:8448/AbC-12_x");
        JsonObject mallory = member("@mallory:ex.org", "join", "Mallory");
        mallory.getObject("content").put("avatar_url", "https://evil.example/track.png");
        JsonObject carol = member("@carol:ex.org", "leave", "Carol");
        carol.getObject("content").put("avatar_url", "mxc://ex.org/carol");
        DisplayNames names = DisplayNames.of(List.of(alice, mallory, carol, member("@bob:ex.org", "join", "Bob")));
        assertThat(names.avatar("@alice:ex.org")).isEqualTo("mxc://ex.org:8448/AbC-12_x");
        assertThat(names.avatar("@mallory:ex.org")).as("not a media URI").isNull();
        assertThat(names.avatar("@carol:ex.org")).as("not joined").isNull();
        assertThat(names.avatar("@bob:ex.org")).isNull();
        for (String bad : new String[] {"mxc://", "mxc://ex.org", "mxc://ex.org/", "mxc://ex.org/a/b", "mxc://ex.org/a?b",
            "mxc://ex.org/\"><script>", "mxc:///id", "mxc://ex.org/" + "x".repeat(300)}) {
            assertThat(DisplayNames.isMediaUri(bad)).as(bad).isFalse();
        }
    }

    @Test
    void joinedMembersAreShownByTheirNamesAndTheOthersByTheirIds() {
        DisplayNames names = DisplayNames.of(List.of(member("@alice:ex.org", "join", "Alice Liddell"),
                member("@bob:ex.org", "join", null), member("@carol:ex.org", "leave", "Carol")));
        assertThat(names.of("@alice:ex.org")).isEqualTo("Alice Liddell");
        assertThat(names.of("@bob:ex.org")).isEqualTo("@bob:ex.org");
        assertThat(names.of("@carol:ex.org")).as("not joined").isEqualTo("@carol:ex.org");
        assertThat(names.of("@nobody:ex.org")).isEqualTo("@nobody:ex.org");
        assertThat(DisplayNames.none().of("@alice:ex.org")).isEqualTo("@alice:ex.org");
    }

    @Test
    void nobodyPassesForSomeoneElseByTakingTheirName() {
        DisplayNames names = DisplayNames.of(List.of(member("@alice:ex.org", "join", "Alice"),
                member("@mallory:evil.org", "join", "Alice"), member("@eve:evil.org", "join", "@alice:ex.org")));
        assertThat(names.of("@alice:ex.org")).isEqualTo("Alice (@alice:ex.org)");
        assertThat(names.of("@mallory:evil.org")).isEqualTo("Alice (@mallory:evil.org)");
        assertThat(names.of("@eve:evil.org")).as("a name that looks like another's id").isEqualTo("@alice:ex.org (@eve:evil.org)");
    }

    @Test
    void namesAreCleanedOfInvisibleAndDirectionCharactersAndBounded() {
        DisplayNames names = DisplayNames.of(List.of(member("@a:ex.org", "join", "  Ali\u202Ece\n\u200B  Liddell\u0000 "),
                member("@b:ex.org", "join", "\u202E\u200F "), member("@c:ex.org", "join", "x".repeat(500))));
        assertThat(names.of("@a:ex.org")).isEqualTo("Alice Liddell");
        assertThat(names.of("@b:ex.org")).as("nothing visible: the id").isEqualTo("@b:ex.org");
        assertThat(names.of("@c:ex.org")).hasSize(DisplayNames.MAX_LENGTH);
    }

    @Test
    void initialsComeFromTheNameOrTheIdsLocalPart() {
        List<JsonObject> events = new ArrayList<>();
        events.add(member("@alice:ex.org", "join", "alice liddell"));
        events.add(member("@bob.smith:ex.org", "join", null));
        events.add(member("@x:ex.org", "join", "🙂"));
        DisplayNames names = DisplayNames.of(events);
        assertThat(names.initials("@alice:ex.org")).isEqualTo("AL");
        assertThat(names.initials("@bob.smith:ex.org")).isEqualTo("BS");
        assertThat(names.initials("@x:ex.org")).isEqualTo("?");
    }
}

package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class ReactionsTest {
    private static final Reactions.Member ALICE = new Reactions.Member("@alice:x|A", "@alice:x", "$ma");
    private static final Reactions.Member BOB = new Reactions.Member("@bob:x|B", "@bob:x", "$mb");

    private static JsonObject event(String type, String sender, String id, JsonObject content) {
        return new JsonObject().put("type", type).put("sender", sender).put("event_id", id).put("content", content);
    }

    private static Reactions withAliceAndBob() {
        Reactions r = new Reactions();
        r.setMembers(List.of(ALICE, BOB));
        return r;
    }

    @Test
    void aHandIsRaisedOnOnesOwnMembershipAndLoweredByRedactingIt() {
        Reactions r = withAliceAndBob();
        assertThat(r.onEvent(event("m.reaction", "@alice:x", "$h1", Reactions.raiseHand("$ma")), 0)).isTrue();
        assertThat(r.handRaised(ALICE.key)).isTrue();
        assertThat(r.handEvent(ALICE.key)).isEqualTo("$h1");
        assertThat(r.handRaised(BOB.key)).isFalse();
        // Element Call's redaction carries "redacts" at the top (room versions before 11) or in the content.
        assertThat(r.onEvent(event("m.room.redaction", "@alice:x", "$r1", new JsonObject()).put("redacts", "$h1"), 1)).isTrue();
        assertThat(r.handRaised(ALICE.key)).isFalse();
        r.onEvent(event("m.reaction", "@alice:x", "$h2", Reactions.raiseHand("$ma")), 2);
        assertThat(r.onEvent(event("m.room.redaction", "@alice:x", "$r2", Reactions.redact("$h2")), 3)).isTrue();
        assertThat(r.handRaised(ALICE.key)).isFalse();
        assertThat(r.onEvent(event("m.room.redaction", "@alice:x", "$r3", Reactions.redact("$other")), 4)).isFalse();
    }

    @Test
    void nobodyRaisesAHandOrReactsForSomeoneElseOrOnAnOldMembership() {
        Reactions r = withAliceAndBob();
        assertThat(r.onEvent(event("m.reaction", "@mallory:x", "$h", Reactions.raiseHand("$ma")), 0)).isFalse();
        assertThat(r.onEvent(event("io.element.call.reaction", "@bob:x", "$x", Reactions.react("👍", "thumbsup", "$ma")), 0))
                .isFalse();
        assertThat(r.onEvent(event("m.reaction", "@alice:x", "$h", Reactions.raiseHand("$old")), 0)).isFalse();
        JsonObject otherKey = Reactions.raiseHand("$ma");
        otherKey.getObject("m.relates_to").put("key", "👍");
        assertThat(r.onEvent(event("m.reaction", "@alice:x", "$k", otherKey), 0)).isFalse();
        assertThat(r.onEvent(new JsonObject().put("type", "m.reaction"), 0)).isFalse();
        assertThat(r.onEvent(event("m.reaction", "@alice:x", "$n", new JsonObject().put("m.relates_to", "no")), 0)).isFalse();
        assertThat(r.handRaised(ALICE.key)).isFalse();
    }

    @Test
    void aNewMembershipEventOrLeavingLowersTheHand() {
        Reactions r = withAliceAndBob();
        r.onEvent(event("m.reaction", "@alice:x", "$h", Reactions.raiseHand("$ma")), 0);
        r.setMembers(List.of(ALICE, BOB));
        assertThat(r.handRaised(ALICE.key)).isTrue();
        r.setMembers(List.of(new Reactions.Member(ALICE.key, ALICE.userId, "$ma2"), BOB));
        assertThat(r.handRaised(ALICE.key)).isFalse();
        r.onEvent(event("m.reaction", "@bob:x", "$hb", Reactions.raiseHand("$mb")), 0);
        r.setMembers(List.of(ALICE));
        assertThat(r.handRaised(BOB.key)).isFalse();
    }

    @Test
    void aReactionShowsForThreeSecondsOneAtATime() {
        Reactions r = withAliceAndBob();
        assertThat(r.onEvent(event("io.element.call.reaction", "@bob:x", "$1", Reactions.react("🎉", "party", "$mb")), 1000))
                .isTrue();
        assertThat(r.reaction(BOB.key, 1000)).isEqualTo("🎉");
        assertThat(r.nextExpiry(1000)).isEqualTo(4000);
        assertThat(r.onEvent(event("io.element.call.reaction", "@bob:x", "$2", Reactions.react("👍", "thumbsup", "$mb")), 2000))
                .as("one still shows").isFalse();
        assertThat(r.reaction(BOB.key, 3999)).isEqualTo("🎉");
        assertThat(r.reaction(BOB.key, 4000)).isNull();
        assertThat(r.onEvent(event("io.element.call.reaction", "@bob:x", "$3", Reactions.react("👍", "thumbsup", "$mb")), 4001))
                .isTrue();
        assertThat(r.reaction(BOB.key, 4001)).isEqualTo("👍");
        assertThat(r.reaction(ALICE.key, 4001)).isNull();
    }

    @Test
    void onlyTheFirstEmojiOfAReactionShows() {
        assertThat(Reactions.firstEmoji("👍🏽 and more text")).isEqualTo("👍🏽");
        assertThat(Reactions.firstEmoji("😵‍💫!")).isEqualTo("😵‍💫");
        assertThat(Reactions.firstEmoji("🖐️x")).isEqualTo("🖐️");
        assertThat(Reactions.firstEmoji("1️⃣2")).isEqualTo("1️⃣");
        assertThat(Reactions.firstEmoji("   ")).isNull();
        assertThat(Reactions.firstEmoji("")).isNull();
        assertThat(Reactions.firstEmoji(null)).isNull();
        assertThat(Reactions.firstEmoji("\u0007bell")).isNull();
        Reactions r = withAliceAndBob();
        assertThat(r.onEvent(event("io.element.call.reaction", "@bob:x", "$1", Reactions.react("", "generic", "$mb")), 0))
                .isFalse();
    }
}

package org.conclave.client.call;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.util.JsonObject;

/**
 * Raised hands and reactions, with the events Element Call sends and reads (protocol.md §9), so
 * that both clients see each other's. A raised hand is an {@code m.reaction} annotating the
 * sender's own membership event with key 🖐️, lowered by redacting it; it lasts while that
 * membership event is the member's. A reaction is an {@code io.element.call.reaction} referencing
 * the sender's membership event, shown for {@link #SHOWN_MS}; a member has one at a time. Events
 * whose target is not the sender's own current membership are ignored (nobody raises a hand for
 * someone else). Pure data: the controller feeds room events and membership changes in.
 */
public final class Reactions {
    public static final String REACTION_EVENT = "m.reaction";
    public static final String CALL_REACTION_EVENT = "io.element.call.reaction";
    public static final String REDACTION_EVENT = "m.room.redaction";
    /** The raised hand's annotation key: U+1F590 U+FE0F, as Element Call sends it. */
    public static final String HAND = "\uD83D\uDD90\uFE0F";
    /** How long a reaction shows (Element Call's time). */
    public static final double SHOWN_MS = 3000;
    /** The reactions Conclave offers: emoji and Element Call's name for each. */
    public static final String[][] CHOICES = {
        {"\uD83D\uDC4D", "thumbsup"}, {"\uD83C\uDF89", "party"}, {"\uD83D\uDC4F", "clapping"},
        {"\uD83D\uDC4B", "wave"}, {"\uD83D\uDE04", "laugh"}, {"\uD83D\uDCA1", "lightbulb"}
    };
    private static final int MAX_EMOJI_CHARS = 32;

    /** A member of the call as the events name it. */
    public static final class Member {
        final String key;
        final String userId;
        final String membershipEventId;

        public Member(String key, String userId, String membershipEventId) {
            this.key = key;
            this.userId = userId;
            this.membershipEventId = membershipEventId;
        }
    }

    private static final class Hand {
        final String reactionEventId;
        final String membershipEventId;

        Hand(String reactionEventId, String membershipEventId) {
            this.reactionEventId = reactionEventId;
            this.membershipEventId = membershipEventId;
        }
    }

    private static final class Shown {
        final String emoji;
        final double until;

        Shown(String emoji, double until) {
            this.emoji = emoji;
            this.until = until;
        }
    }

    private final Map<String, Hand> hands = new LinkedHashMap<>();
    private final Map<String, Shown> shown = new LinkedHashMap<>();
    private Map<String, Member> byMembershipEvent = new LinkedHashMap<>();

    /** The call's members now: a hand raised on a membership event that is no longer current goes down. */
    public void setMembers(Iterable<Member> members) {
        Map<String, Member> next = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (Member m : members) {
            if (m.membershipEventId != null) {
                next.put(m.membershipEventId, m);
                current.put(m.key, m.membershipEventId);
            }
        }
        byMembershipEvent = next;
        hands.entrySet().removeIf(e -> !e.getValue().membershipEventId.equals(current.get(e.getKey())));
        shown.keySet().removeIf(key -> !current.containsKey(key));
    }

    /** A room event (any type); true when it changed a hand or a reaction. */
    public boolean onEvent(JsonObject event, double now) {
        String type = event.getString("type");
        String sender = event.getString("sender");
        String eventId = event.getString("event_id");
        JsonObject content = event.getObject("content");
        if (type == null || sender == null || eventId == null || content == null) {
            return false;
        }
        if (REDACTION_EVENT.equals(type)) {
            String target = event.getString("redacts") != null ? event.getString("redacts") : content.getString("redacts");
            return target != null && hands.entrySet().removeIf(e -> e.getValue().reactionEventId.equals(target));
        }
        JsonObject relates = content.getObject("m.relates_to");
        Member member = relates == null ? null : byMembershipEvent.get(relates.getString("event_id"));
        if (member == null || !member.userId.equals(sender)) {
            return false; // not about the sender's own current membership
        }
        if (REACTION_EVENT.equals(type) && "m.annotation".equals(relates.getString("rel_type"))
                && HAND.equals(relates.getString("key"))) {
            hands.put(member.key, new Hand(eventId, member.membershipEventId));
            return true;
        }
        if (CALL_REACTION_EVENT.equals(type) && "m.reference".equals(relates.getString("rel_type"))) {
            String emoji = firstEmoji(content.getString("emoji"));
            Shown current = shown.get(member.key);
            if (emoji == null || current != null && current.until > now) {
                return false; // none, or one still showing (as Element Call: no floods)
            }
            shown.put(member.key, new Shown(emoji, now + SHOWN_MS));
            return true;
        }
        return false;
    }

    /** Whether member {@code key} has a hand raised. */
    public boolean handRaised(String key) {
        return hands.containsKey(key);
    }

    /** The id of member {@code key}'s raised-hand event (to redact when lowering it), or null. */
    public String handEvent(String key) {
        Hand h = hands.get(key);
        return h == null ? null : h.reactionEventId;
    }

    /** The emoji member {@code key} reacted with, while it shows at {@code now}, or null. */
    public String reaction(String key, double now) {
        Shown s = shown.get(key);
        return s != null && s.until > now ? s.emoji : null;
    }

    /** When the next reaction showing at {@code now} ends, or +∞. */
    public double nextExpiry(double now) {
        double next = Double.POSITIVE_INFINITY;
        for (Shown s : shown.values()) {
            if (s.until > now) {
                next = Math.min(next, s.until);
            }
        }
        return next;
    }

    /** The content that raises a hand on {@code membershipEventId}. */
    public static JsonObject raiseHand(String membershipEventId) {
        return new JsonObject().put("m.relates_to", new JsonObject().put("rel_type", "m.annotation")
                .put("event_id", membershipEventId).put("key", HAND));
    }

    /** The content of reaction {@code emoji} ({@code name} as Element Call knows it) on {@code membershipEventId}. */
    public static JsonObject react(String emoji, String name, String membershipEventId) {
        return new JsonObject().put("emoji", emoji).put("name", name)
                .put("m.relates_to", new JsonObject().put("rel_type", "m.reference").put("event_id", membershipEventId));
    }

    /** The content that redacts {@code eventId} (lowering a hand). */
    public static JsonObject redact(String eventId) {
        return new JsonObject().put("redacts", eventId);
    }

    /**
     * The first emoji of {@code text} (one code point and what joins it: variation selectors,
     * skin tones, zero-width joiners, keycaps), or null for none; bounded, so a long string
     * cannot fill a tile.
     */
    static String firstEmoji(String text) {
        if (text == null || text.isEmpty() || text.trim().isEmpty()) {
            return null;
        }
        int end = Character.charCount(text.codePointAt(0));
        while (end < text.length() && end < MAX_EMOJI_CHARS) {
            int cp = text.codePointAt(end);
            boolean joins = cp == 0xFE0F || cp == 0x20E3 || cp >= 0x1F3FB && cp <= 0x1F3FF || cp >= 0xE0020 && cp <= 0xE007F;
            if (cp == 0x200D && end + 1 < text.length()) {
                end += 1 + Character.charCount(text.codePointAt(end + 1));
            } else if (joins) {
                end += Character.charCount(cp);
            } else {
                break;
            }
        }
        int cp0 = text.codePointAt(0);
        if (cp0 < 0x20 || org.conclave.client.util.Chars.isWhitespace(cp0)) {
            return null;
        }
        return text.substring(0, Math.min(end, text.length()));
    }
}

package org.conclave.client.call;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.util.Chars;
import org.conclave.client.util.JsonObject;

/**
 * People's names as the room shows them: each joined member's {@code m.room.member}
 * {@code displayname}, cleaned (control and bidirectional-override characters dropped, white space
 * collapsed, at most {@value #MAX_LENGTH} characters), its user id where it has none, and
 * {@code Name (@user:server)} where two members share a name, as Element disambiguates, so that
 * nobody can pass for someone else by taking their name.
 */
public final class DisplayNames {
    static final int MAX_LENGTH = 64;

    private final Map<String, String> names;
    private final Map<String, String> avatars;

    private DisplayNames(Map<String, String> names, Map<String, String> avatars) {
        this.names = names;
        this.avatars = avatars;
    }

    /** Nobody's names known: every user shown by id. */
    public static DisplayNames none() {
        return new DisplayNames(Map.of(), Map.of());
    }

    /** The names of the joined members among {@code memberEvents} (the room's {@code m.room.member} state). */
    public static DisplayNames of(List<JsonObject> memberEvents) {
        Map<String, String> chosen = new LinkedHashMap<>();
        Map<String, String> avatars = new HashMap<>();
        Map<String, Integer> uses = new HashMap<>();
        for (JsonObject event : memberEvents) {
            String userId = event.getString("state_key");
            JsonObject content = event.getObject("content");
            if (userId == null || content == null || !"join".equals(content.getString("membership"))) {
                continue;
            }
            String avatar = content.getString("avatar_url");
            if (isMediaUri(avatar)) {
                avatars.put(userId, avatar);
            }
            String name = clean(content.getString("displayname"));
            if (name != null) {
                chosen.put(userId, name);
                uses.merge(name, 1, Integer::sum);
            }
        }
        Map<String, String> out = new HashMap<>();
        chosen.forEach((userId, name) -> out.put(userId, uses.get(name) > 1 || name.startsWith("@") && !name.equals(userId)
                ? name + " (" + userId + ")" : name));
        return new DisplayNames(out, avatars);
    }

    /** {@code userId}'s avatar ({@code mxc://server/id}), or null for none or one not well formed. */
    public String avatar(String userId) {
        return avatars.get(userId);
    }

    /** Whether {@code uri} is an {@code mxc://} media URI of the allowed characters only, of bounded length. */
    static boolean isMediaUri(String uri) {
        if (uri == null || !uri.startsWith("mxc://") || uri.length() > 255) {
            return false;
        }
        int slash = uri.indexOf('/', 6);
        if (slash <= 6 || slash == uri.length() - 1 || uri.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        for (int i = 6; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_' || c == '=' || c == ':' && i < slash || c == '/' && i == slash;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code userId}'s name, or the id itself. */
    public String of(String userId) {
        String name = names.get(userId);
        return name == null ? userId : name;
    }

    /** The initials for an avatar: the first letter of the name's first two words (of the id's local part when no name). */
    public String initials(String userId) {
        String name = names.get(userId);
        String source = name != null ? name : userId.startsWith("@") && userId.indexOf(':') > 1 ? userId.substring(1, userId.indexOf(':')) : userId;
        StringBuilder out = new StringBuilder();
        boolean wordStart = true;
        int letters = 0;
        for (int i = 0; i < source.length() && letters < 2; ) {
            int c = source.codePointAt(i);
            i += Character.charCount(c);
            if (Chars.isWhitespace(c) || c == '.' || c == '_' || c == '-') {
                wordStart = true;
            } else {
                if (wordStart && Chars.isLetterOrDigit(c)) {
                    out.appendCodePoint(Chars.toUpperCase(c));
                    letters++;
                }
                wordStart = false;
            }
        }
        return out.length() == 0 ? "?" : out.toString();
    }

    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            boolean invisible = Character.isISOControl(c) || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                    || c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF || c >= 0x200B && c <= 0x200D;
            if (Chars.isWhitespace(c) || c == 0x00A0) {
                space = out.length() > 0;
            } else if (!invisible) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.appendCodePoint(c);
            }
            if (out.codePointCount(0, out.length()) >= MAX_LENGTH) {
                break;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }
}

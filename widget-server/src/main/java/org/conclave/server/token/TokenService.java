package org.conclave.server.token;

import org.conclave.server.config.LiveKitConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU token service, compatible with Element's lk-jwt-service (protocol.md §7), so that
 * Conclave and Element Call can share one LiveKit deployment: it checks the OpenID token with the
 * user's homeserver, checks the claimed user, derives the LiveKit room and identity, creates the
 * room for users of full-access homeservers, and mints a join token. Users of other homeservers
 * get a subscribe-only token for a room that exists already: in a multi-SFU call they watch what
 * this deployment's users publish here and publish on their own deployment's SFU (lk-jwt-service
 * only keeps them from creating rooms; this service also keeps its uplink for its own users).
 * Logs ids and outcomes, never tokens.
 */
public final class TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    /** A token and where to use it. */
    public record Grant(String url, String jwt) {
        @Override
        public String toString() {
            return "Grant[" + url + ", [REDACTED]]";
        }
    }

    /** {@code POST /get_token}: a MatrixRTC member of a slot. */
    public record MemberRequest(String roomId, String slotId, OpenIdToken openId, String memberId, String claimedUserId,
            String claimedDeviceId) {}

    /** {@code POST /sfu/get} (legacy): a device in a room's call. */
    public record LegacyRequest(String room, OpenIdToken openId, String deviceId) {}

    private final LiveKitConfig config;
    private final OpenIdVerifier verifier;
    private final RoomCreator rooms;
    private final LiveKitTokens tokens;

    public TokenService(LiveKitConfig config, OpenIdVerifier verifier, RoomCreator rooms, LiveKitTokens tokens) {
        this.config = config;
        this.verifier = verifier;
        this.rooms = rooms;
        this.tokens = tokens;
    }

    /** A token for a MatrixRTC member ({@code /get_token}). */
    public Grant issue(MemberRequest r) {
        if (blank(r.roomId()) || blank(r.slotId())) {
            throw TokenException.badJson("The request body is missing `room_id` or `slot_id`");
        }
        if (blank(r.memberId()) || blank(r.claimedUserId()) || blank(r.claimedDeviceId())) {
            throw TokenException.badJson("The request body `member` is missing a `id`, `claimed_user_id` or `claimed_device_id`");
        }
        requireToken(r.openId());
        String userId = verify(r.openId(), r.claimedUserId());
        String room = LiveKitNames.room(r.roomId(), r.slotId());
        return grant(r.openId(), userId, room, LiveKitNames.identity(userId, r.claimedDeviceId(), r.memberId()));
    }

    /** A token for a device in a room's call ({@code /sfu/get}, legacy). */
    public Grant issue(LegacyRequest r) {
        if (blank(r.room())) {
            throw TokenException.badJson("Missing room parameter");
        }
        requireToken(r.openId());
        String userId = verify(r.openId(), null);
        String room = LiveKitNames.room(r.room(), LiveKitNames.ROOM_SLOT);
        return grant(r.openId(), userId, room, LiveKitNames.legacyIdentity(userId, r.deviceId() == null ? "" : r.deviceId()));
    }

    private void requireToken(OpenIdToken token) {
        if (token == null || blank(token.accessToken()) || blank(token.matrixServerName())) {
            throw TokenException.badJson("The request body `openid_token` is missing a `access_token` or `matrix_server_name`");
        }
    }

    private String verify(OpenIdToken token, String claimedUserId) {
        String userId = verifier.userIdOf(token);
        if (claimedUserId != null && !claimedUserId.equals(userId)) {
            LOG.warn("token: claimed user {} is not the token's user {}", claimedUserId, userId);
            throw TokenException.unauthorized();
        }
        return userId;
    }

    private Grant grant(OpenIdToken token, String userId, String room, String identity) {
        boolean full = config.fullAccess(token.matrixServerName());
        if (full) {
            rooms.create(room);
        }
        LOG.info("token: issued for {} ({}) in LiveKit room {} as {}", userId,
                full ? "full access" : "restricted: subscribe only", room, identity);
        return new Grant(config.livekitUrl().toString(), tokens.join(room, identity, full));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

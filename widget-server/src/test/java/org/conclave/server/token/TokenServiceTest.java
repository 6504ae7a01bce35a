package org.conclave.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.junit.jupiter.api.Test;

/** The token service's decisions, with a fixed clock and homeservers that answer from a table. */
class TokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SECRET = "a-test-secret-of-enough-length-0123456789";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> created = new ArrayList<>();
    private final Map<String, String> homeserver = Map.of("good-token", "@alice:full.example", "bob-token", "@bob:guest.example");
    private final OpenIdVerifier verifier = token -> {
        String user = homeserver.get(token.accessToken());
        if (user == null) {
            throw TokenException.unauthorized();
        }
        return user;
    };
    private final LiveKitConfig config = new LiveKitConfig(URI.create("wss://sfu.example/"), "APIkey", new Secret(SECRET),
            List.of("full.example"), "/livekit/jwt", Map.of());
    private final TokenService service = new TokenService(config, verifier, created::add, new LiveKitTokens("APIkey",
            new Secret(SECRET), clock));

    private static OpenIdToken token(String access, String server) {
        return new OpenIdToken(access, "Bearer", server, 3600);
    }

    /** The token, its signature and times checked as LiveKit would, at the test's fixed time. */
    private DecodedJWT verified(String jwt) {
        return ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(SECRET)).withIssuer("APIkey")).build(clock)
                .verify(jwt);
    }

    @Test
    void aMemberOfAFullAccessHomeserverGetsAJoinTokenAndItsRoom() {
        TokenService.Grant grant = service.issue(new TokenService.MemberRequest("!r:full.example", LiveKitNames.ROOM_SLOT,
                token("good-token", "full.example"), "@alice:full.example:DEV", "@alice:full.example", "DEV"));
        String room = LiveKitNames.room("!r:full.example", LiveKitNames.ROOM_SLOT);
        assertThat(grant.url()).isEqualTo("wss://sfu.example/");
        assertThat(created).containsExactly(room);
        DecodedJWT jwt = verified(grant.jwt());
        assertThat(jwt.getSubject()).isEqualTo(LiveKitNames.identity("@alice:full.example", "DEV", "@alice:full.example:DEV"));
        assertThat(jwt.getNotBeforeAsInstant()).isEqualTo(NOW);
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(jwt.getClaim("video").asMap()).containsEntry("roomJoin", true).containsEntry("canPublish", true)
                .containsEntry("canSubscribe", true).containsEntry("canUpdateOwnMetadata", true).containsEntry("room", room)
                .doesNotContainKey("roomCreate");
        assertThat(grant.toString()).doesNotContain(grant.jwt());
    }

    @Test
    void aGuestHomeserversUserMayJoinAndWatchButNotCreateOrPublish() {
        TokenService.Grant grant = service.issue(new TokenService.LegacyRequest("!r:full.example", token("bob-token", "guest.example"),
                "BDEV"));
        assertThat(created).isEmpty();
        assertThat(verified(grant.jwt()).getSubject()).isEqualTo("@bob:guest.example:BDEV");
        assertThat(verified(grant.jwt()).getClaim("video").asMap()).as("subscribe only: Bob publishes on his own deployment's SFU")
                .containsEntry("roomJoin", true).containsEntry("canSubscribe", true)
                .containsEntry("canPublish", false).containsEntry("canPublishData", false)
                .doesNotContainKey("roomCreate");
    }

    @Test
    void aClaimedUserOtherThanTheTokensIsUnauthorised() {
        assertThatThrownBy(() -> service.issue(new TokenService.MemberRequest("!r:full.example", LiveKitNames.ROOM_SLOT,
                token("good-token", "full.example"), "m", "@mallory:full.example", "DEV")))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errcode()).isEqualTo("M_UNAUTHORIZED");
                });
        assertThat(created).isEmpty();
    }

    @Test
    void missingFieldsAreBadJson() {
        OpenIdToken good = token("good-token", "full.example");
        List<TokenService.MemberRequest> incomplete = List.of(
                new TokenService.MemberRequest(null, LiveKitNames.ROOM_SLOT, good, "m", "@alice:full.example", "D"),
                new TokenService.MemberRequest("!r:x", "", good, "m", "@alice:full.example", "D"),
                new TokenService.MemberRequest("!r:x", LiveKitNames.ROOM_SLOT, good, null, "@alice:full.example", "D"),
                new TokenService.MemberRequest("!r:x", LiveKitNames.ROOM_SLOT, good, "m", "@alice:full.example", " "),
                new TokenService.MemberRequest("!r:x", LiveKitNames.ROOM_SLOT, null, "m", "@alice:full.example", "D"),
                new TokenService.MemberRequest("!r:x", LiveKitNames.ROOM_SLOT, token("", "full.example"), "m", "@a:b", "D"));
        for (TokenService.MemberRequest r : incomplete) {
            assertThatThrownBy(() -> service.issue(r)).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.errcode()).as(r.toString()).isEqualTo("M_BAD_JSON"));
        }
        assertThatThrownBy(() -> service.issue(new TokenService.LegacyRequest(null, good, "D")))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.errcode()).isEqualTo("M_BAD_JSON"));
    }

    @Test
    void secretsAndTokensDoNotShowInTheirDescriptions() {
        assertThat(new Secret(SECRET).toString()).isEqualTo("[REDACTED]");
        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(token("good-token", "full.example").toString()).doesNotContain("good-token");
    }
}

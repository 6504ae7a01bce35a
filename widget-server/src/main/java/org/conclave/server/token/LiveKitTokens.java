package org.conclave.server.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.server.config.Secret;

/**
 * LiveKit access tokens: JWTs signed with HS256 and the API secret, issued by the API key, as
 * LiveKit's own server SDK writes them (protocol.md §7).
 */
public final class LiveKitTokens {
    /** How long a join token is valid (lk-jwt-service's hour). */
    public static final Duration VALIDITY = Duration.ofHours(1);

    private final String apiKey;
    private final Algorithm hs256;
    private final Clock clock;

    public LiveKitTokens(String apiKey, Secret apiSecret, Clock clock) {
        this.apiKey = apiKey;
        this.hs256 = Algorithm.HMAC256(apiSecret.reveal());
        this.clock = clock;
    }

    /** A token for {@code identity} to join {@code room}, publish, subscribe and set its own metadata. */
    public String join(String room, String identity) {
        return join(room, identity, true);
    }

    /**
     * A token for {@code identity} to join {@code room}, subscribe and set its own metadata, and to
     * publish (media and data) only when {@code publish}.
     */
    public String join(String room, String identity, boolean publish) {
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("roomJoin", true);
        video.put("canPublish", publish);
        if (!publish) {
            video.put("canPublishData", false);
        }
        video.put("canSubscribe", true);
        video.put("canUpdateOwnMetadata", true);
        video.put("room", room);
        return sign(identity, video, VALIDITY);
    }

    /** A short token for this service itself to create rooms through LiveKit's room service. */
    public String roomAdmin() {
        return sign("", Map.of("roomCreate", true), Duration.ofMinutes(10));
    }

    private String sign(String subject, Map<String, Object> video, Duration validity) {
        Instant now = clock.instant();
        var builder = JWT.create().withIssuer(apiKey).withNotBefore(now).withExpiresAt(now.plus(validity))
                .withClaim("video", video);
        if (!subject.isEmpty()) {
            builder.withSubject(subject);
        }
        return builder.sign(hs256);
    }
}

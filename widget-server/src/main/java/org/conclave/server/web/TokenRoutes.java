package org.conclave.server.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.server.token.OpenIdToken;
import org.conclave.server.token.RateLimiter;
import org.conclave.server.token.TokenException;
import org.conclave.server.token.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token service's HTTP face, lk-jwt-service's API under a base path: {@code POST /get_token},
 * {@code POST /sfu/get}, {@code GET|HEAD /healthz}, CORS for browsers. Unknown or malformed JSON is
 * {@code 400 M_NOT_JSON}, missing fields {@code 400 M_BAD_JSON}, a refused OpenID token
 * {@code 401 M_UNAUTHORIZED}, too many requests from one address {@code 429 M_LIMIT_EXCEEDED}.
 */
public final class TokenRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);
    private final String base;
    private final TokenService service;
    private final RateLimiter limiter;
    private final ObjectMapper json = strictJson();

    public TokenRoutes(String base, TokenService service, RateLimiter limiter) {
        this.base = base;
        this.service = service;
        this.limiter = limiter;
    }

    record OpenIdBody(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("matrix_server_name") String matrixServerName, @JsonProperty("expires_in") Long expiresIn) {
        OpenIdToken token() {
            return new OpenIdToken(accessToken, tokenType, matrixServerName, expiresIn == null ? 0 : expiresIn);
        }
    }

    record MemberBody(@JsonProperty("id") String id, @JsonProperty("claimed_user_id") String claimedUserId,
            @JsonProperty("claimed_device_id") String claimedDeviceId) {}

    /** {@code /get_token}; the delayed-leave fields are read and not acted on (see the README). */
    record GetTokenBody(@JsonProperty("room_id") String roomId, @JsonProperty("slot_id") String slotId,
            @JsonProperty("openid_token") OpenIdBody openIdToken, @JsonProperty("member") MemberBody member,
            @JsonProperty("delay_id") String delayId, @JsonProperty("delay_timeout") Long delayTimeout,
            @JsonProperty("delay_cs_api_url") String delayCsApiUrl) {}

    record SfuGetBody(@JsonProperty("room") String room, @JsonProperty("openid_token") OpenIdBody openIdToken,
            @JsonProperty("device_id") String deviceId, @JsonProperty("delay_id") String delayId,
            @JsonProperty("delay_timeout") Long delayTimeout, @JsonProperty("delay_cs_api_url") String delayCsApiUrl) {}

    /** JSON read as lk-jwt-service's Go decoder reads it: no unknown fields, no type coercion. */
    private static ObjectMapper strictJson() {
        ObjectMapper mapper = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Adds the routes. */
    public void register(RoutesConfig routes) {
        routes.post(base + "/get_token", ctx -> answer(ctx, () -> {
            GetTokenBody b = read(ctx, GetTokenBody.class);
            ignoredDelegation(b.delayId());
            MemberBody m = b.member() == null ? new MemberBody(null, null, null) : b.member();
            return service.issue(new TokenService.MemberRequest(b.roomId(), b.slotId(), token(b.openIdToken()), m.id(),
                    m.claimedUserId(), m.claimedDeviceId()));
        }));
        routes.post(base + "/sfu/get", ctx -> answer(ctx, () -> {
            SfuGetBody b = read(ctx, SfuGetBody.class);
            ignoredDelegation(b.delayId());
            return service.issue(new TokenService.LegacyRequest(b.room(), token(b.openIdToken()), b.deviceId()));
        }));
        // Element Call asks whether the service takes over its delayed leave (MSC4195-style
        // delegation) with a bare POST and reads 404 as "no": this service does not offer it.
        routes.post(base + "/delegate_delayed_leave", ctx -> {
            cors(ctx);
            error(ctx, new TokenException(404, "M_UNRECOGNIZED", "This token service does not take delegated delayed leaves"));
        });
        for (String path : new String[] {"/get_token", "/sfu/get", "/delegate_delayed_leave"}) {
            routes.options(base + path, ctx -> {
                cors(ctx);
                ctx.status(200);
            });
        }
        routes.get(base + "/healthz", ctx -> ctx.status(200));
        routes.head(base + "/healthz", ctx -> ctx.status(200));
    }

    private static void ignoredDelegation(String delayId) {
        if (delayId != null) {
            LOG.info("token: a request asked to delegate its delayed leave; not offered, ignored");
        }
    }

    private static OpenIdToken token(OpenIdBody body) {
        return body == null ? null : body.token();
    }

    private <T> T read(Context ctx, Class<T> type) {
        try {
            T body = json.readValue(ctx.bodyAsBytes(), type);
            if (body == null) {
                throw new TokenException(400, "M_NOT_JSON", "Error reading request");
            }
            return body;
        } catch (IOException e) {
            throw new TokenException(400, "M_NOT_JSON", "Error reading request");
        }
    }

    private interface Issue {
        TokenService.Grant issue();
    }

    private void answer(Context ctx, Issue issue) {
        cors(ctx);
        String client = ctx.ip();
        if (!limiter.allow(client)) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, limiter.retryAfterMillis(client) / 1000)));
            error(ctx, new TokenException(429, "M_LIMIT_EXCEEDED", "Too many requests"));
            return;
        }
        try {
            TokenService.Grant grant = issue.issue();
            Map<String, String> body = new LinkedHashMap<>();
            body.put("url", grant.url());
            body.put("jwt", grant.jwt());
            ctx.json(body);
        } catch (TokenException e) {
            error(ctx, e);
        }
    }

    private static void error(Context ctx, TokenException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errcode", e.errcode());
        body.put("error", e.getMessage());
        ctx.status(e.status()).json(body);
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "POST");
        ctx.header("Access-Control-Allow-Headers", "Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token");
    }
}

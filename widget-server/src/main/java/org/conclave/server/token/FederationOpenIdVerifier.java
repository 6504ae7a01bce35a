package org.conclave.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks OpenID tokens the way a Matrix server does: {@code GET
 * /_matrix/federation/v1/openid/userinfo?access_token=…} on the token's homeserver, found through
 * an override (tests, the demo, private deployments) or {@code .well-known/matrix/server}, else
 * port 8448 (SRV records are not looked up). The answer's {@code sub} must be a user of that very
 * homeserver, or any homeserver could vouch for anyone.
 */
public final class FederationOpenIdVerifier implements OpenIdVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(FederationOpenIdVerifier.class);
    /** A server name: host name, IPv4 or [IPv6], optional port (Matrix spec, appendices). */
    static final Pattern SERVER_NAME = Pattern.compile("([A-Za-z0-9.\\-]{1,255}|\\[[0-9A-Fa-f:.]{2,45}])(:[0-9]{1,5})?");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, URI> overrides;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** A verifier that asks the homeservers {@code overrides} names at the URL it gives (null: discover). */
    public FederationOpenIdVerifier(Function<String, URI> overrides) {
        this.overrides = overrides;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A verifier with a fixed override map. */
    public FederationOpenIdVerifier(Map<String, URI> overrides) {
        this(overrides::get);
    }

    @Override
    public String userIdOf(OpenIdToken token) {
        String server = token.matrixServerName().toLowerCase(Locale.ROOT);
        if (!SERVER_NAME.matcher(server).matches()) {
            LOG.warn("openid: refused a token of a malformed server name");
            throw TokenException.unauthorized();
        }
        URI base = baseUrl(server);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(trimSlash(base.toString())
                    + "/_matrix/federation/v1/openid/userinfo?access_token="
                    + URLEncoder.encode(token.accessToken(), StandardCharsets.UTF_8))).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("openid: homeserver {} unreachable ({})", server, e.getClass().getSimpleName());
            throw unreachable(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(server);
        }
        if (response.statusCode() >= 500) {
            LOG.warn("openid: homeserver {} answered {}", server, response.statusCode());
            throw unreachable(server);
        }
        if (response.statusCode() != 200) {
            LOG.info("openid: homeserver {} refused a token ({})", server, response.statusCode());
            throw TokenException.unauthorized();
        }
        String sub = subject(response.body());
        if (sub == null || !sub.startsWith("@") || !sub.toLowerCase(Locale.ROOT).endsWith(":" + server)) {
            LOG.warn("openid: homeserver {} vouched for a user not its own", server);
            throw TokenException.unauthorized();
        }
        return sub;
    }

    private String subject(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("sub").isTextual() ? node.path("sub").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Where {@code server}'s federation API is: the override, else its well-known delegation, else :8448. */
    private URI baseUrl(String server) {
        URI override = overrides.apply(server);
        if (override != null) {
            return override;
        }
        boolean hasPort = server.matches(".*:[0-9]{1,5}$");
        if (!hasPort) {
            String delegated = wellKnown(server);
            if (delegated != null) {
                return URI.create("https://" + (delegated.matches(".*:[0-9]{1,5}$") ? delegated : delegated + ":8448"));
            }
        }
        return URI.create("https://" + (hasPort ? server : server + ":8448"));
    }

    private String wellKnown(String server) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://" + server
                    + "/.well-known/matrix/server")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode node = json.readTree(r.body()).path("m.server");
                if (node.isTextual() && SERVER_NAME.matcher(node.asText()).matches()) {
                    return node.asText();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("openid: no well-known delegation for {}", server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static TokenException unreachable(String server) {
        return new TokenException(502, "M_UNKNOWN", "The homeserver " + server + " could not be reached to check the OpenID token.");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

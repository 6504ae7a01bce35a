package org.conclave.server.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SFU token service's configuration (lk-jwt-service's, under Conclave's names):
 *
 * <ul>
 *   <li>{@code CONCLAVE_LIVEKIT_URL}: the LiveKit server as clients reach it, {@code ws(s)://…};
 *       setting it switches the token service on.
 *   <li>{@code CONCLAVE_LIVEKIT_KEY} and {@code CONCLAVE_LIVEKIT_SECRET} (or
 *       {@code CONCLAVE_LIVEKIT_SECRET_FILE}, a file holding it): the LiveKit API key pair.
 *   <li>{@code CONCLAVE_LIVEKIT_FULL_ACCESS_HOMESERVERS}: comma-separated homeserver names whose
 *       users may cause a LiveKit room to be created and publish there, or {@code *}; required.
 *       Users of other homeservers get subscribe-only tokens for rooms that exist (multi-SFU: they
 *       publish on their own deployment's SFU).
 *   <li>{@code CONCLAVE_TOKEN_PATH}: where the service answers (default {@code /livekit/jwt}).
 *   <li>{@code CONCLAVE_HOMESERVER_URLS}: {@code name=https://url,…}, where to ask a homeserver for
 *       OpenID user info instead of discovering it ({@code .well-known/matrix/server}).
 * </ul>
 */
public record LiveKitConfig(
        URI livekitUrl,
        String apiKey,
        Secret apiSecret,
        List<String> fullAccessHomeservers,
        String basePath,
        Map<String, URI> homeserverUrls) {

    public LiveKitConfig {
        fullAccessHomeservers = List.copyOf(fullAccessHomeservers);
        homeserverUrls = Map.copyOf(homeserverUrls);
    }

    /** The LiveKit server's HTTP API (its room service), from {@link #livekitUrl}. */
    public URI livekitApiUrl() {
        String s = livekitUrl.toString();
        return URI.create(s.startsWith("wss://") ? "https://" + s.substring(6) : "http://" + s.substring(5));
    }

    /** Whether users of {@code serverName} may create rooms (and so start calls). */
    public boolean fullAccess(String serverName) {
        return fullAccessHomeservers.contains("*") || fullAccessHomeservers.contains(serverName);
    }

    /** This configuration with {@code serverName}'s user info asked at {@code url}. */
    public LiveKitConfig withHomeserverUrl(String serverName, URI url) {
        Map<String, URI> urls = new LinkedHashMap<>(homeserverUrls);
        urls.put(serverName, url);
        return new LiveKitConfig(livekitUrl, apiKey, apiSecret, fullAccessHomeservers, basePath, urls);
    }

    /** The token service's configuration from {@code env}, or empty when it is not switched on. */
    public static Optional<LiveKitConfig> fromEnvironment(Map<String, String> env) {
        String url = env.get("CONCLAVE_LIVEKIT_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI livekit = parseUrl("CONCLAVE_LIVEKIT_URL", url.trim(), "ws", "wss");
        String key = required(env, "CONCLAVE_LIVEKIT_KEY");
        Secret secret = secret(env);
        String servers = required(env, "CONCLAVE_LIVEKIT_FULL_ACCESS_HOMESERVERS");
        List<String> full = new ArrayList<>();
        for (String s : servers.split(",")) {
            if (!s.isBlank()) {
                full.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        String path = env.getOrDefault("CONCLAVE_TOKEN_PATH", "/livekit/jwt").trim();
        if (!path.matches("(/[A-Za-z0-9._\\-]+)+")) {
            throw new ConfigException("CONCLAVE_TOKEN_PATH must be a path like /livekit/jwt, got '" + path + "'");
        }
        return Optional.of(new LiveKitConfig(livekit, key, secret, full, path,
                homeserverUrls(env.get("CONCLAVE_HOMESERVER_URLS"))));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException(name + " must be set when CONCLAVE_LIVEKIT_URL is");
        }
        return value.trim();
    }

    private static Secret secret(Map<String, String> env) {
        String file = env.get("CONCLAVE_LIVEKIT_SECRET_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return new Secret(Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip());
            } catch (IOException | ConfigException e) {
                throw new ConfigException("CONCLAVE_LIVEKIT_SECRET_FILE: cannot read a secret from " + file.trim());
            }
        }
        return new Secret(required(env, "CONCLAVE_LIVEKIT_SECRET"));
    }

    static Map<String, URI> homeserverUrls(String value) {
        Map<String, URI> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("CONCLAVE_HOMESERVER_URLS: '" + pair.trim() + "' is not name=url");
            }
            out.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                    parseUrl("CONCLAVE_HOMESERVER_URLS", pair.substring(eq + 1).trim(), "http", "https"));
        }
        return out;
    }

    private static URI parseUrl(String name, String value, String plain, String secure) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals(plain) || scheme.equals(secure)) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(name + " must be an absolute " + plain + "(s) URL, got '" + value + "'");
    }
}

package org.conclave.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server is told from outside, read from environment variables:
 *
 * <ul>
 *   <li>{@code CONCLAVE_HOST}: address to bind (default {@code 127.0.0.1}).
 *   <li>{@code CONCLAVE_PORT}: port (default 8080; 0 picks a free one).
 *   <li>{@code CONCLAVE_PUBLIC_URL}: the widget's URL as Element Web loads it (default
 *       {@code http://127.0.0.1:<port>/}).
 *   <li>{@code CONCLAVE_ALLOWED_PARENT_ORIGINS}: comma-separated origins allowed to embed the
 *       widget (CSP {@code frame-ancestors}), e.g. {@code https://app.element.io}; {@code *} allows
 *       any. Default: none besides the demo.
 *   <li>{@code CONCLAVE_DEMO}: {@code true}/{@code false}, the development demo (default true).
 *   <li>{@code CONCLAVE_LIVEKIT_SERVICE_URL}: the SFU token service advertised in config.json
 *       (default: this server's own, when it runs one).
 *   <li>{@code CONCLAVE_DEMO_ELEMENT_CALL_URL}: an Element Call widget (e.g. the embedded build
 *       from npm, served on its own origin) that the demo's host page opens instead of Conclave
 *       when asked ({@code widget=element-call}), so that mixed calls can be tried in the demo.
 *   <li>{@code CONCLAVE_DEMO_DEPLOYMENTS}: other deployments of the demo, as comma-separated
 *       {@code <homeserver name>=<token service URL>} (e.g.
 *       {@code two.conclave.local=http://127.0.0.1:8090/livekit/jwt}): the demo's users of that
 *       homeserver get that SFU as their RTC transport, so that a multi-SFU call can be tried on
 *       one machine (see the README).
 *   <li>The SFU token service's variables: {@link LiveKitConfig}.
 * </ul>
 */
public record ServerConfig(
        String host,
        int port,
        Optional<URI> publicUrl,
        List<String> allowedParentOrigins,
        boolean demoEnabled,
        Optional<URI> livekitServiceUrl,
        Optional<LiveKitConfig> livekit,
        Optional<URI> demoElementCallUrl,
        Map<String, URI> demoDeployments) {

    public ServerConfig {
        allowedParentOrigins = List.copyOf(allowedParentOrigins);
        demoDeployments = Map.copyOf(demoDeployments);
        if (port < 0 || port > 65535) {
            throw new ConfigException("port must be 0-65535, got " + port);
        }
    }

    /** Defaults for a local run: loopback, port 8080, demo on. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Optional.empty(), List.of(), true, Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of());
    }

    /** This configuration on another port (tests use 0). */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicUrl, allowedParentOrigins, demoEnabled, livekitServiceUrl, livekit, demoElementCallUrl, demoDeployments);
    }

    /** This configuration with the demo switched on or off. */
    public ServerConfig withDemo(boolean enabled) {
        return new ServerConfig(host, port, publicUrl, allowedParentOrigins, enabled, livekitServiceUrl, livekit, demoElementCallUrl, demoDeployments);
    }

    /** This configuration with these parent origins allowed. */
    public ServerConfig withAllowedParentOrigins(List<String> origins) {
        return new ServerConfig(host, port, publicUrl, origins, demoEnabled, livekitServiceUrl, livekit, demoElementCallUrl, demoDeployments);
    }

    /** This configuration with the SFU token service configured by {@code config}. */
    public ServerConfig withLiveKit(LiveKitConfig config) {
        return new ServerConfig(host, port, publicUrl, allowedParentOrigins, demoEnabled, livekitServiceUrl,
                Optional.of(config), demoElementCallUrl, demoDeployments);
    }

    /** This configuration with the demo offering Element Call's widget at {@code url} (host parameter widget=element-call). */
    public ServerConfig withDemoElementCall(URI url) {
        return new ServerConfig(host, port, publicUrl, allowedParentOrigins, demoEnabled, livekitServiceUrl, livekit,
                Optional.of(url), demoDeployments);
    }

    /**
     * This configuration with the demo's homeservers advertising other deployments' SFUs: users of
     * a homeserver named in {@code deployments} (e.g. {@code two.conclave.local}) get that token
     * service as their RTC transport; the others get this server's own.
     */
    public ServerConfig withDemoDeployments(Map<String, URI> deployments) {
        return new ServerConfig(host, port, publicUrl, allowedParentOrigins, demoEnabled, livekitServiceUrl, livekit,
                demoElementCallUrl, deployments);
    }

    /** Reads the configuration from {@code env}; a bad value is a {@link ConfigException}. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        ServerConfig d = defaults();
        String host = env.getOrDefault("CONCLAVE_HOST", d.host()).trim();
        if (host.isEmpty()) {
            throw new ConfigException("CONCLAVE_HOST must not be empty");
        }
        return new ServerConfig(
                host,
                parsePort(env.get("CONCLAVE_PORT"), d.port()),
                optionalUrl("CONCLAVE_PUBLIC_URL", env.get("CONCLAVE_PUBLIC_URL")),
                parseOrigins(env.get("CONCLAVE_ALLOWED_PARENT_ORIGINS")),
                parseBoolean("CONCLAVE_DEMO", env.get("CONCLAVE_DEMO"), d.demoEnabled()),
                optionalUrl("CONCLAVE_LIVEKIT_SERVICE_URL", env.get("CONCLAVE_LIVEKIT_SERVICE_URL")),
                LiveKitConfig.fromEnvironment(env),
                optionalUrl("CONCLAVE_DEMO_ELEMENT_CALL_URL", env.get("CONCLAVE_DEMO_ELEMENT_CALL_URL")),
                parseDeployments(env.get("CONCLAVE_DEMO_DEPLOYMENTS")));
    }

    static Map<String, URI> parseDeployments(String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        Map<String, URI> out = new java.util.LinkedHashMap<>();
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9.\\-]{1,255}(:[0-9]{1,5})?")) {
                throw new ConfigException("CONCLAVE_DEMO_DEPLOYMENTS must be <homeserver name>=<token service URL>, ..., got '"
                        + entry.trim() + "'");
            }
            out.put(name, optionalUrl("CONCLAVE_DEMO_DEPLOYMENTS", entry.substring(eq + 1)).orElseThrow(
                    () -> new ConfigException("CONCLAVE_DEMO_DEPLOYMENTS needs a token service URL for " + name)));
        }
        return out;
    }

    static int parsePort(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("CONCLAVE_PORT must be a number from 0 to 65535, got '" + value + "'");
    }

    static boolean parseBoolean(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> {
                return true;
            }
            case "false", "0", "no", "off" -> {
                return false;
            }
            default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
        }
    }

    static Optional<URI> optionalUrl(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(name + " must be an absolute http(s) URL, got '" + value + "'");
    }

    /**
     * Parses a comma-separated origin list. Each must be {@code scheme://host[:port]} with no
     * path, or {@code *}; anything else (which could smuggle CSP syntax) is refused.
     */
    static List<String> parseOrigins(String value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String raw : value.split(",")) {
            String origin = raw.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (origin.equals("*")) {
                out.add(origin);
                continue;
            }
            if (!origin.matches("(?i)https?://[a-z0-9.\\-\\[\\]:]+") || origin.endsWith(":")) {
                throw new ConfigException("CONCLAVE_ALLOWED_PARENT_ORIGINS: '" + origin
                        + "' is not an origin like https://app.element.io (scheme, host, optional port, no path)");
            }
            out.add(origin.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}

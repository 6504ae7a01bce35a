package org.conclave.server.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Security headers on every response, static files included. The widget page runs TeaVM output
 * from its own origin with no inline script or eval; who may frame it is the admin's list of
 * parent origins (plus the demo host's origin when the demo is on).
 */
public final class SecurityHeaders {
    static final String PERMISSIONS_POLICY = "camera=(self), microphone=(self), display-capture=(self), "
            + "autoplay=(self), fullscreen=(self), geolocation=(), payment=(), usb=()";

    private final List<String> frameAncestors;
    private final String connectSources;

    /** Headers allowing {@code frameAncestors} (origins, or {@code *}) to embed pages. */
    public SecurityHeaders(List<String> frameAncestors) {
        this(frameAncestors, List.of());
    }

    /**
     * As above; pages may also connect to {@code connectSources} beyond {@code 'self' https: wss:}
     * (a LiveKit server on plain {@code ws://}, as on loopback in the tests).
     */
    public SecurityHeaders(List<String> frameAncestors, List<String> connectSources) {
        this.frameAncestors = List.copyOf(frameAncestors);
        this.connectSources = connectSources.isEmpty() ? "" : " " + String.join(" ", connectSources);
    }

    /** Sets the headers for a widget-side response; {@code extraAncestors} may be empty. */
    public void apply(Context ctx, List<String> extraAncestors) {
        List<String> ancestors = new ArrayList<>();
        ancestors.add("'self'");
        ancestors.addAll(frameAncestors);
        ancestors.addAll(extraAncestors);
        ctx.header("Content-Security-Policy", contentSecurityPolicy(String.join(" ", ancestors), "'none'", connectSources));
        ctx.header("Permissions-Policy", PERMISSIONS_POLICY);
        common(ctx);
    }

    /**
     * Headers for the demo host page, which itself embeds the widget from {@code widgetOrigin} (or,
     * the embedded distribution, from its own origin) and must delegate camera and microphone to it.
     */
    public static void applyDemoHost(Context ctx, String widgetOrigin) {
        applyDemoHost(ctx, widgetOrigin, null);
    }

    /**
     * As above, for a host page that is a Matrix client of {@code homeserverOrigin} (when not null):
     * it may connect there and run the crypto's WebAssembly.
     */
    public static void applyDemoHost(Context ctx, String widgetOrigin, String homeserverOrigin) {
        String allow = "(self \"" + widgetOrigin + "\")";
        String csp = contentSecurityPolicy("'self'", widgetOrigin + " 'self'", homeserverOrigin == null ? "" : " " + homeserverOrigin);
        if (homeserverOrigin != null) {
            csp = csp.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';");
        }
        ctx.header("Content-Security-Policy", csp);
        ctx.header("Permissions-Policy", "camera=" + allow + ", microphone=" + allow + ", display-capture=" + allow
                + ", autoplay=" + allow);
        common(ctx);
    }

    private static void common(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    static String contentSecurityPolicy(String frameAncestors, String frameSrc, String connectSources) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "media-src 'self' blob: mediastream:; connect-src 'self' https: wss:" + connectSources + "; worker-src 'self' blob:; "
                + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
                + "frame-src " + frameSrc + "; frame-ancestors " + frameAncestors;
    }
}

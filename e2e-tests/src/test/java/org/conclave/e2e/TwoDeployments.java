package org.conclave.e2e;

import io.javalin.Javalin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;

/**
 * Two deployments on this machine, for calls across them (multi-SFU), each a Conclave token
 * service with its own key pair in front of its own real LiveKit (free loopback ports):
 * deployment one is a full Conclave server with the demo (its homeservers hold every user) and
 * serves {@value #ONE}; deployment two is a second Conclave server with only a token service, for
 * {@value #TWO}, asking deployment one's demo homeservers about OpenID tokens. The demo gives each
 * user its own deployment's token service as RTC transport.
 */
public final class TwoDeployments implements AutoCloseable {
    public static final String ONE = "one.conclave.local";
    public static final String TWO = "two.conclave.local";
    public final LiveKitServer livekitOne;
    public final LiveKitServer livekitTwo;
    /** Deployment one's server: the widget, the demo, its token service. */
    public final Javalin one;
    /** Deployment two's server: its token service only. */
    public final Javalin two;

    private TwoDeployments(LiveKitServer livekitOne, LiveKitServer livekitTwo, Javalin one, Javalin two) {
        this.livekitOne = livekitOne;
        this.livekitTwo = livekitTwo;
        this.one = one;
        this.two = two;
    }

    public static TwoDeployments start() throws Exception {
        LiveKitServer livekitOne = LiveKitServer.start();
        LiveKitServer livekitTwo = LiveKitServer.start();
        int portTwo = RigProcesses.freePort();
        URI serviceTwo = URI.create("http://127.0.0.1:" + portTwo + "/livekit/jwt");
        Javalin one = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true)
                .withLiveKit(new LiveKitConfig(URI.create(livekitOne.url()), livekitOne.apiKey, new Secret(livekitOne.apiSecret),
                        List.of(ONE), "/livekit/jwt", Map.of()))
                .withDemoDeployments(Map.of(TWO, serviceTwo))).start();
        URI homeservers = URI.create("http://127.0.0.1:" + one.port());
        Javalin two = WidgetServer.create(ServerConfig.defaults().withPort(portTwo).withDemo(false)
                .withLiveKit(new LiveKitConfig(URI.create(livekitTwo.url()), livekitTwo.apiKey, new Secret(livekitTwo.apiSecret),
                        List.of(TWO), "/livekit/jwt", Map.of(ONE, homeservers, TWO, homeservers)))).start();
        return new TwoDeployments(livekitOne, livekitTwo, one, two);
    }

    public String serviceOne() {
        return "http://127.0.0.1:" + one.port() + "/livekit/jwt";
    }

    public String serviceTwo() {
        return "http://127.0.0.1:" + two.port() + "/livekit/jwt";
    }

    /** {@code @name:deployment}. */
    public static String user(String deployment, String name) {
        return "@" + name + ":" + deployment;
    }

    @Override
    public void close() {
        two.stop();
        one.stop();
        livekitOne.close();
        livekitTwo.close();
    }
}

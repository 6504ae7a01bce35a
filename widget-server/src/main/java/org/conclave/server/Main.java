package org.conclave.server;

import io.javalin.Javalin;
import org.conclave.server.config.ConfigException;
import org.conclave.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Conclave's server from environment variables (see {@link ServerConfig}). */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("conclave: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Javalin app = WidgetServer.create(config).start();
        LOG.info("Conclave widget at {}", WidgetServer.widgetUrl(config, app));
        if (config.demoEnabled()) {
            String demo = WidgetServer.demoHostOrigin(app) + "/demo/";
            LOG.info("DEVELOPMENT DEMO (in-memory room, no homeserver; CONCLAVE_DEMO=false turns it off):");
            LOG.info("  open {} and pick a participant; open another tab as someone else to join the same room", demo);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "conclave-shutdown"));
    }
}

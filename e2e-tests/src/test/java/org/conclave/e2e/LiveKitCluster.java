package org.conclave.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One deployment's LiveKit as a cluster: two real LiveKit nodes sharing a real Redis and one key
 * pair, behind the deployment's single URL. The URL is a TCP balancer in the rig (as a load
 * balancer in front of a cluster would be): each new connection goes to the next node that
 * accepts it, so participants land on either node, and after a node dies every connection goes
 * to the one left. LiveKit routes each room to one node; a client's media port says which.
 */
public final class LiveKitCluster implements AutoCloseable {
    public final RedisServer redis;
    public final List<LiveKitServer> nodes;
    public final String apiKey;
    public final String apiSecret;
    private final ServerSocket balancer;
    private final AtomicInteger next = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicIntegerArray connections = new java.util.concurrent.atomic.AtomicIntegerArray(2);

    private LiveKitCluster() throws Exception {
        redis = RedisServer.start();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        apiKey = "cluster" + HexFormat.of().formatHex(secret, 0, 4);
        apiSecret = HexFormat.of().formatHex(secret);
        nodes = List.of(LiveKitServer.startNode(redis.address(), apiKey, apiSecret),
                LiveKitServer.startNode(redis.address(), apiKey, apiSecret));
        balancer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "livekit-balancer");
        accept.setDaemon(true);
        accept.start();
    }

    public static LiveKitCluster start() throws Exception {
        return new LiveKitCluster();
    }

    /** The deployment's URL, as clients and the token service reach it. */
    public String url() {
        return "ws://127.0.0.1:" + balancer.getLocalPort();
    }

    /** How many connections (signalling, room service) the balancer has sent to {@code node}. */
    public int connectionsTo(LiveKitServer node) {
        return connections.get(nodes.indexOf(node));
    }

    /** The node whose media ports include {@code mediaPort}, or null. */
    public LiveKitServer nodeCarrying(int mediaPort) {
        return nodes.stream().filter(n -> n.carries(mediaPort)).findFirst().orElse(null);
    }

    private void accept() {
        while (!balancer.isClosed()) {
            Socket client;
            try {
                client = balancer.accept();
            } catch (IOException e) {
                return;
            }
            Socket upstream = null;
            int first = Math.floorMod(next.getAndIncrement(), nodes.size());
            for (int i = 0; i < nodes.size() && upstream == null; i++) {
                LiveKitServer node = nodes.get((first + i) % nodes.size());
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), node.port);
                    connections.incrementAndGet(nodes.indexOf(node));
                } catch (IOException e) {
                    // that node is down: the next one
                }
            }
            if (upstream == null) {
                closeQuietly(client);
                continue;
            }
            pipe(client, upstream);
            pipe(upstream, client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "livekit-balancer-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(balancer);
        nodes.forEach(LiveKitServer::close);
        redis.close();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

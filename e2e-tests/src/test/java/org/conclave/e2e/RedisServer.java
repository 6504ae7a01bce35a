package org.conclave.e2e;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for a LiveKit cluster: Debian's {@code redis-server} (a README prerequisite;
 * {@code .ci/run} installs it), on a free loopback port with nothing saved to disk, stopped by its
 * own process.
 */
public final class RedisServer implements AutoCloseable {
    public final int port;
    private final Process process;
    private final Path log;

    private RedisServer(Path binary) throws Exception {
        port = RigProcesses.freePort();
        log = Files.createTempFile("conclave-redis", ".log");
        process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(log));
            }
            if (pong()) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("redis-server did not answer within 20 s: " + Files.readString(log));
    }

    /** Starts Redis; fails naming the package when there is none. */
    public static RedisServer start() throws Exception {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return new RedisServer(candidate);
            }
        }
        throw new IllegalStateException("No redis-server: install Debian's redis-server (README prerequisites; .ci/run does)");
    }

    /** {@code 127.0.0.1:port}, as LiveKit's config names it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    private boolean pong() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.read(b);
            return n > 0 && new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        RigProcesses.stop(process);
    }
}

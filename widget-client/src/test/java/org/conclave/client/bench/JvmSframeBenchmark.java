package org.conclave.client.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SframeJmh} and prints, per frame size, round trips per second and MB/s for SFrame on
 * Bouncy Castle and for the JDK's AES-GCM, with their ratio. Run:
 * {@code mvn -B -q -pl widget-client test-compile exec:exec@jmh}
 */
public final class JvmSframeBenchmark {
    private JvmSframeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().include(SframeJmh.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<Integer, double[]> bySize = new TreeMap<>();
        for (RunResult result : results) {
            int size = Integer.parseInt(result.getParams().getParam("frameBytes"));
            double perSecond = result.getPrimaryResult().getScore();
            boolean sframe = result.getParams().getBenchmark().endsWith("sframeOnBouncyCastle");
            bySize.computeIfAbsent(size, s -> new double[2])[sframe ? 0 : 1] = perSecond;
        }
        System.out.println();
        System.out.println("JVM, protect+unprotect round trips (SFrame suite 4 on Bouncy Castle) vs JDK AES-128-GCM"
                + " encrypt+decrypt, same frames, same run:");
        for (Map.Entry<Integer, double[]> entry : bySize.entrySet()) {
            int size = entry.getKey();
            double sframe = entry.getValue()[0];
            double jdk = entry.getValue()[1];
            System.out.printf("  %6d B: SFrame/BC %9.0f frames/s %7.1f MB/s | JDK %9.0f frames/s %7.1f MB/s | ratio %.2f%n",
                    size, sframe, sframe * size / 1e6, jdk, jdk * size / 1e6, sframe / jdk);
        }
    }
}

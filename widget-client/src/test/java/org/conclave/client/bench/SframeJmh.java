package org.conclave.client.bench;

import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeReceiver;
import org.conclave.client.sframe.SframeSender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JVM benchmark: one SFrame protect+unprotect round trip on Bouncy Castle (suite 4, the code
 * the browser runs) against one JDK AES-128-GCM encrypt+decrypt (AES-NI and CLMUL intrinsics)
 * of the same frame. {@link JvmSframeBenchmark} runs it and prints MB/s and the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SframeJmh {
    private static final byte[] METADATA = {(byte) 0x90, 0x01, 0x02};

    @Param({"100", "5120", "30720"})
    public int frameBytes;

    private byte[] frame;
    private SframeSender sender;
    private SframeReceiver receiver;
    private Cipher jdk;
    private SecretKeySpec jdkKey;
    private final byte[] iv = new byte[12];
    private int counter;
    private byte[] lastOutput;
    private final FrameCallback keep = new FrameCallback() {
        @Override
        public void done(byte[] output) {
            lastOutput = output;
        }

        @Override
        public void failed(SframeException error) {
            throw new IllegalStateException(error);
        }
    };
    private final FrameCallback open = new FrameCallback() {
        @Override
        public void done(byte[] output) {
            receiver.unprotect(output, METADATA, keep);
        }

        @Override
        public void failed(SframeException error) {
            throw new IllegalStateException(error);
        }
    };

    @Setup
    public void setUp() throws Exception {
        frame = new byte[frameBytes];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 131);
        }
        byte[] baseKey = new byte[16];
        sender = new SframeSender(CipherSuite.AES_128_GCM_SHA256_128, new BcAead());
        receiver = new SframeReceiver(CipherSuite.AES_128_GCM_SHA256_128, new BcAead());
        sender.setKey(0x2a, baseKey);
        receiver.addKey(0x2a, baseKey);
        jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdkKey = new SecretKeySpec(new byte[16], "AES");
    }

    @Benchmark
    public byte[] sframeOnBouncyCastle() {
        sender.protect(frame, METADATA, open);
        return lastOutput;
    }

    @Benchmark
    public byte[] jdkAesGcm() throws Exception {
        // A fresh IV per frame, as a frame encryptor must use (the JDK refuses to reuse one).
        counter++;
        iv[8] = (byte) (counter >>> 24);
        iv[9] = (byte) (counter >>> 16);
        iv[10] = (byte) (counter >>> 8);
        iv[11] = (byte) counter;
        jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, iv));
        byte[] sealed = jdk.doFinal(frame);
        jdk.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, iv));
        return jdk.doFinal(sealed);
    }
}

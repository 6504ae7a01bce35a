package org.conclave.client.call;

/** What this device receives from one participant, summed over its streams (RTP statistics). */
public final class ReceiveStats {
    public static final ReceiveStats NONE = new ReceiveStats(0, 0, 0, 0, 0, 0);

    private final int videoPackets;
    private final int framesReceived;
    private final int framesDecoded;
    private final int audioPackets;
    private final double audioEnergy;
    private final double audioLevel;
    private int packetsLost;
    private double jitterSeconds;

    public ReceiveStats(int videoPackets, int framesReceived, int framesDecoded, int audioPackets, double audioEnergy,
            double audioLevel) {
        this.videoPackets = videoPackets;
        this.framesReceived = framesReceived;
        this.framesDecoded = framesDecoded;
        this.audioPackets = audioPackets;
        this.audioEnergy = audioEnergy;
        this.audioLevel = audioLevel;
    }

    /** Video RTP packets received, whatever they carry. */
    public int videoPackets() {
        return videoPackets;
    }

    /**
     * Video frames handed to the decoder. Chromium counts a frame here only once the frame worker
     * passed it on: frames it could not decrypt (and dropped) never count.
     */
    public int framesReceived() {
        return framesReceived;
    }

    /** Video frames decoded: only frames this device could decrypt get there. */
    public int framesDecoded() {
        return framesDecoded;
    }

    public int audioPackets() {
        return audioPackets;
    }

    /** {@code totalAudioEnergy}: rises only while decoded audio is not silent. */
    public double audioEnergy() {
        return audioEnergy;
    }

    /** The latest audio level, 0–1. */
    public double audioLevel() {
        return audioLevel;
    }

    /** The same counts, with {@code lost} packets (RTP's cumulative loss, all streams) and the worst {@code jitter} (s). */
    public ReceiveStats withLoss(int lost, double jitter) {
        ReceiveStats out = new ReceiveStats(videoPackets, framesReceived, framesDecoded, audioPackets, audioEnergy, audioLevel);
        out.packetsLost = lost;
        out.jitterSeconds = jitter;
        return out;
    }

    /** RTP packets lost on the way, all streams (cumulative, as RTP counts them). */
    public int packetsLost() {
        return packetsLost;
    }

    /** The worst interarrival jitter among the streams, in seconds. */
    public double jitterSeconds() {
        return jitterSeconds;
    }

    /** The sum of two sets of streams (levels and jitter: the worse). */
    public ReceiveStats plus(ReceiveStats other) {
        return new ReceiveStats(videoPackets + other.videoPackets, framesReceived + other.framesReceived,
                framesDecoded + other.framesDecoded, audioPackets + other.audioPackets, audioEnergy + other.audioEnergy,
                Math.max(audioLevel, other.audioLevel)).withLoss(packetsLost + other.packetsLost,
                Math.max(jitterSeconds, other.jitterSeconds));
    }

    /** Someone is speaking: the level is clearly above the noise floor. */
    public boolean speaking() {
        return audioLevel > 0.02;
    }
}

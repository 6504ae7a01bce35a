package org.conclave.client.call;

/** What this device receives from one participant, summed over its streams (RTP statistics). */
public final class ReceiveStats {
    public static final ReceiveStats NONE = new ReceiveStats(0, 0, 0, 0, 0);

    private final int framesReceived;
    private final int framesDecoded;
    private final int audioPackets;
    private final double audioEnergy;
    private final double audioLevel;

    public ReceiveStats(int framesReceived, int framesDecoded, int audioPackets, double audioEnergy, double audioLevel) {
        this.framesReceived = framesReceived;
        this.framesDecoded = framesDecoded;
        this.audioPackets = audioPackets;
        this.audioEnergy = audioEnergy;
        this.audioLevel = audioLevel;
    }

    /** Video frames received (decryptable or not). */
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

    /** Someone is speaking: the level is clearly above the noise floor. */
    public boolean speaking() {
        return audioLevel > 0.02;
    }
}

package org.conclave.client.call;

/** One tile of the call grid: a participant's camera, or someone's screen share. Immutable. */
public final class Tile {
    private final String id;
    private final String participant;
    private final String userId;
    private final String deviceId;
    private final boolean self;
    private final boolean screenshare;
    private final String streamId;
    private final boolean audioMuted;
    private final boolean videoMuted;
    private final boolean speaking;
    private final String connection;
    private final int keyIndex;
    private final int failures;
    private final ReceiveStats stats;
    private boolean liveKitFormat;
    private String quality = ConnectionQuality.UNKNOWN;
    private boolean handRaised;
    private String reaction;

    public Tile(String id, String participant, String userId, String deviceId, boolean self, boolean screenshare,
            String streamId, boolean audioMuted, boolean videoMuted, boolean speaking, String connection, int keyIndex,
            int failures, ReceiveStats stats) {
        this.id = id;
        this.participant = participant;
        this.userId = userId;
        this.deviceId = deviceId;
        this.self = self;
        this.screenshare = screenshare;
        this.streamId = streamId;
        this.audioMuted = audioMuted;
        this.videoMuted = videoMuted;
        this.speaking = speaking;
        this.connection = connection;
        this.keyIndex = keyIndex;
        this.failures = failures;
        this.stats = stats;
    }

    /** Stable across renders: {@code user|device} for a camera tile, plus {@code #screen} for a share. */
    public String id() {
        return id;
    }

    public String participant() {
        return participant;
    }

    public String userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean self() {
        return self;
    }

    public boolean screenshare() {
        return screenshare;
    }

    /** The media stream shown, or null before it arrives. */
    public String streamId() {
        return streamId;
    }

    public boolean audioMuted() {
        return audioMuted;
    }

    public boolean videoMuted() {
        return videoMuted;
    }

    public boolean speaking() {
        return speaking;
    }

    /** The peer connection's state ({@code connected}, …); {@code self} for our own tile. */
    public String connection() {
        return connection;
    }

    /**
     * The key index (SFrame KID) that decrypts this tile's frames; for our own tile the index we
     * send with; -1 before any.
     */
    public int keyIndex() {
        return keyIndex;
    }

    /** Frames from this participant that could not be decrypted. */
    public int failures() {
        return failures;
    }

    public ReceiveStats stats() {
        return stats;
    }

    /**
     * True when the tile's frames travel in LiveKit's format (Element Call compatible) rather than
     * SFrame: ours as we send them, another's as its last frame came.
     */
    public boolean liveKitFormat() {
        return liveKitFormat;
    }

    /** How well media arrives from the tile's participant ({@link ConnectionQuality}); {@code unknown} for our own. */
    public String quality() {
        return quality;
    }

    /** This tile, with the connection quality {@code level}. Returns this. */
    Tile withQuality(String level) {
        this.quality = level;
        return this;
    }

    /** Whether the tile's participant has a hand raised ({@link Reactions}). */
    public boolean handRaised() {
        return handRaised;
    }

    /** The emoji the tile's participant reacted with, shown for a few seconds, or null. */
    public String reaction() {
        return reaction;
    }

    /** This tile, with its participant's raised hand and current reaction (or null). Returns this. */
    Tile withReactions(boolean handRaised, String reaction) {
        this.handRaised = handRaised;
        this.reaction = reaction;
        return this;
    }

    /** This tile, saying its frames travel in LiveKit's format ({@code true}) or SFrame. Returns this. */
    Tile inFormat(boolean liveKit) {
        this.liveKitFormat = liveKit;
        return this;
    }
}

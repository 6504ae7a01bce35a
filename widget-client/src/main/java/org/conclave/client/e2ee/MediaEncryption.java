package org.conclave.client.e2ee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.util.Hex;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;

/**
 * Every media frame of a call, both ways, as the frame worker sees them: one {@link FrameProtector}
 * for everything this device sends (all peer connections share its counter, so no counter is ever
 * used twice under a key) and one {@link FrameUnprotector} per remote participant. Counts what
 * it protects, drops and fails, per participant and KID, for the screen's encryption badges, and
 * keeps the first bytes of the last few outgoing frames so a test can see their SFrame headers
 * (ciphertext only: the bytes that go on the wire anyway).
 */
public final class MediaEncryption {
    static final int SAMPLES = 4;
    static final int SAMPLE_BYTES = 24;
    static final int MAX_PARTICIPANTS = 64;
    /**
     * A sender's frames that arrive before any key of it are held this long (unread) for its
     * first key. On a join the sender's first key frame often comes through the SFU before its
     * key comes through the homeserver; dropped, it costs a new key frame, which the SFU may not
     * ask for again for up to a second (LiveKit throttles key frame requests per layer). The
     * page's frame pipeline waits for each frame, so what comes behind a held frame waits too, in
     * order. Past the wait they fail as any unreadable frame does, and so do the sender's later
     * frames until a key of it arrives.
     */
    static final long KEY_WAIT_MS = 1_000;
    /** At most this many frames held per sender (one per track of it in the browser); the oldest fails first. */
    static final int MAX_HELD = 16;

    private final Aead aead;
    private final java.util.function.LongSupplier clock;
    private final Log log;
    private final FrameProtector protector;
    private final Map<String, Receiving> receiving = new LinkedHashMap<>();
    private final List<JsonObject> samples = new ArrayList<>();
    // The trailers of the SFUs in use (one per SFU), the newest last.
    private final java.util.List<byte[]> injectedTrailers = new java.util.ArrayList<>();
    private int sendIndex = -1;
    private int sentFrames;
    private int droppedFrames;

    private static final class Receiving {
        final FrameUnprotector unprotector;
        int frames;
        int lastKid = -1;
        int failures;
        int injected;
        /** Per kind (audio, video): the format of the last frame read, and when it was read (-1: none yet). */
        final boolean[] liveKit = new boolean[2];
        final long[] lastReadAt = {-1, -1};
        int switches;
        long longestSwitchGapMs;
        /** Frames waiting for the sender's first key (each retried, in order, when it comes), since when. */
        final List<Runnable> held = new ArrayList<>();
        long heldSince = -1;
        /** Frames waited in vain for a first key: the next ones fail at once, until a key comes. */
        boolean waitedOut;

        Receiving(FrameUnprotector unprotector) {
            this.unprotector = unprotector;
        }
    }

    public MediaEncryption(Aead aead, Log log) {
        this(aead, log, System::currentTimeMillis);
    }

    /** As above, reading the time (ms) from {@code clock}. */
    public MediaEncryption(Aead aead, Log log, java.util.function.LongSupplier clock) {
        this.aead = aead;
        this.log = log;
        this.clock = clock;
        this.protector = new FrameProtector(aead);
    }

    /** Protects outgoing frames with {@code key} from now on. */
    public void setSendKey(MediaKey key) {
        try {
            protector.setKey(key);
            sendIndex = key.index();
            log.info("frames: sending with index " + key.index());
        } catch (SframeException e) {
            log.warn("frames: could not use send index " + key.index() + " (" + e.reason() + ")");
        }
    }

    /** Sends in LiveKit's format from now on ({@code true}: a participant reads only that), or in SFrame. */
    public void sendLiveKitFormat(boolean on) {
        if (on != protector.liveKitFormat()) {
            protector.useLiveKitFormat(on);
            log.info("frames: sending " + (on ? "in LiveKit's format" : "SFrame"));
        }
    }

    /** At most this many SFU trailers are kept (one per SFU in a multi-SFU call); the oldest goes first. */
    static final int MAX_TRAILERS = 8;

    /**
     * A trailer an SFU ends its own frames with (LiveKit's {@code sifTrailer}; empty: none), one
     * per SFU in use. Such frames are dropped: they are not a sender's and carry nothing to
     * decrypt, and letting them through would let an SFU put pictures or sound of its own in
     * front of the user.
     */
    public void addServerInjectedTrailer(byte[] trailer) {
        if (trailer.length == 0) {
            return;
        }
        injectedTrailers.removeIf(known -> java.util.Arrays.equals(known, trailer));
        if (injectedTrailers.size() == MAX_TRAILERS) {
            injectedTrailers.remove(0);
        }
        injectedTrailers.add(trailer.clone());
    }

    /** A key participant {@code participant} sends with. */
    public void addReceiveKey(String participant, MediaKey key) {
        Receiving r = receivingFor(participant);
        if (r == null) {
            return;
        }
        try {
            r.unprotector.addKey(key);
            log.info("frames: index " + key.index() + " for " + participant);
        } catch (SframeException e) {
            log.warn("frames: could not use index " + key.index() + " of " + participant + " (" + e.reason() + ")");
            return;
        }
        r.waitedOut = false;
        if (!r.held.isEmpty()) {
            log.info("frames: " + r.held.size() + " held frame(s) of " + participant + " read with its first key");
            release(r);
        }
    }

    /** Forgets {@code participant} and its keys (it left); frames held for its key fail. */
    public void removeParticipant(String participant) {
        Receiving r = receiving.remove(participant);
        if (r != null) {
            log.info("frames: forgot " + participant);
            release(r);
        }
    }

    /**
     * Fails the frames that have waited {@link #KEY_WAIT_MS} for their sender's first key (the
     * frame worker calls this a few times a second).
     */
    public void expireHeld() {
        long now = clock.getAsLong();
        for (Map.Entry<String, Receiving> e : receiving.entrySet()) {
            Receiving r = e.getValue();
            if (r.heldSince >= 0 && now - r.heldSince >= KEY_WAIT_MS) {
                log.info("frames: no key from " + e.getKey() + " in " + KEY_WAIT_MS + " ms; its frames fail until one comes");
                r.waitedOut = true;
                release(r);
            }
        }
    }

    /** Reads the held frames again, in order: with the key now there, or failing without it. */
    private static void release(Receiving r) {
        List<Runnable> waiting = new ArrayList<>(r.held);
        r.held.clear();
        r.heldSince = -1;
        waiting.forEach(Runnable::run);
    }

    private Receiving receivingFor(String participant) {
        Receiving r = receiving.get(participant);
        if (r == null) {
            if (receiving.size() >= MAX_PARTICIPANTS) {
                log.warn("frames: too many participants; ignored " + participant);
                return null;
            }
            r = new Receiving(new FrameUnprotector(aead));
            receiving.put(participant, r);
        }
        return r;
    }

    /** Protects one outgoing frame; {@code done} gets the bytes to send, or fails (drop it). */
    public void encrypt(String mimeType, boolean keyFrame, byte[] frame, FrameCallback done) {
        encrypt(mimeType, keyFrame, frame, 0, 0, done);
    }

    /** As above, for a frame of RTP stream {@code ssrc} at RTP {@code timestamp}. */
    public void encrypt(String mimeType, boolean keyFrame, byte[] frame, int ssrc, int timestamp, FrameCallback done) {
        MediaCodec codec = MediaCodec.fromMimeType(mimeType);
        protector.protect(codec, keyFrame, frame, ssrc, timestamp, new FrameCallback() {
            @Override
            public void done(byte[] out) {
                sentFrames++;
                sample(mimeType, codec.clearBytes(frame, keyFrame), out);
                done.done(out);
            }

            @Override
            public void failed(SframeException error) {
                droppedFrames++;
                done.failed(error);
            }
        });
    }

    /** Unprotects one frame from {@code participant}; {@code done} gets the frame to decode, or fails. */
    public void decrypt(String participant, String mimeType, boolean keyFrame, byte[] frame, FrameCallback done) {
        Receiving r = receivingFor(participant);
        if (r == null) {
            done.failed(new SframeException(SframeException.Reason.UNKNOWN_KEY, "participant not known"));
            return;
        }
        if (endsWithInjectedTrailer(frame)) {
            r.injected++;
            done.failed(new SframeException(SframeException.Reason.SERVER_INJECTED, "a frame the SFU made"));
            return;
        }
        if (!r.unprotector.hasKeys() && !r.waitedOut) {
            if (r.held.isEmpty()) {
                r.heldSince = clock.getAsLong();
            } else if (r.held.size() == MAX_HELD) {
                r.held.remove(0).run(); // fails: there is still no key
            }
            r.held.add(() -> unprotect(r, mimeType, keyFrame, frame, done));
            return;
        }
        unprotect(r, mimeType, keyFrame, frame, done);
    }

    private void unprotect(Receiving r, String mimeType, boolean keyFrame, byte[] frame, FrameCallback done) {
        MediaCodec codec = MediaCodec.fromMimeType(mimeType);
        r.unprotector.unprotect(codec, keyFrame, frame, new FrameCallback() {
            @Override
            public void done(byte[] out) {
                r.frames++;
                r.lastKid = r.unprotector.lastKid();
                noteFormat(r, codec == MediaCodec.OPUS ? 0 : 1, r.unprotector.lastReadLiveKit());
                done.done(out);
            }

            @Override
            public void failed(SframeException error) {
                r.failures++;
                done.failed(error);
            }
        });
    }

    /**
     * Times a sender's switch of frame format: the pause between the last frame read in one format
     * and the first in the other, per kind, the longest kept. It is the time the switch cost the
     * stream where frames are read, whatever the page does with them afterwards.
     */
    private void noteFormat(Receiving r, int kind, boolean liveKit) {
        long now = clock.getAsLong();
        if (r.lastReadAt[kind] >= 0 && r.liveKit[kind] != liveKit) {
            r.switches++;
            r.longestSwitchGapMs = Math.max(r.longestSwitchGapMs, now - r.lastReadAt[kind]);
        }
        r.liveKit[kind] = liveKit;
        r.lastReadAt[kind] = now;
    }

    private boolean endsWithInjectedTrailer(byte[] frame) {
        for (byte[] trailer : injectedTrailers) {
            if (endsWith(frame, trailer)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWith(byte[] frame, byte[] trailer) {
        int n = trailer.length;
        if (frame.length < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (frame[frame.length - n + i] != trailer[i]) {
                return false;
            }
        }
        return true;
    }

    private void sample(String mimeType, int clear, byte[] out) {
        if (samples.size() == SAMPLES) {
            samples.remove(0);
        }
        int n = Math.min(out.length, clear + SAMPLE_BYTES);
        samples.add(new JsonObject().put("mime", mimeType).put("clear", clear).put("length", out.length)
                .put("head", Hex.encode(java.util.Arrays.copyOf(out, n)))
                .put("tail", Hex.encode(java.util.Arrays.copyOfRange(out, Math.max(0, out.length - 2), out.length))));
    }

    /**
     * Counts for the screen: {@code {sending: {index, frames, dropped, samples}, receiving:
     * {participant: {frames, kid, failures, failuresByKid, injected, formatSwitches,
     * longestSwitchGapMs}}}}.
     */
    public JsonObject stats() {
        JsonArray sampleArray = new JsonArray();
        samples.forEach(sampleArray::add);
        JsonObject sending = new JsonObject().put("format", protector.liveKitFormat() ? "livekit" : "sframe")
                .put("index", sendIndex).put("frames", sentFrames)
                .put("dropped", droppedFrames).put("samples", sampleArray);
        JsonObject receivingJson = new JsonObject();
        for (Map.Entry<String, Receiving> e : receiving.entrySet()) {
            Receiving r = e.getValue();
            JsonObject byKid = new JsonObject();
            for (Map.Entry<Long, Long> f : r.unprotector.failuresByKid().entrySet()) {
                byKid.put(String.valueOf(f.getKey()), JsonValue.of((double) f.getValue()));
            }
            receivingJson.put(e.getKey(), new JsonObject().put("frames", r.frames).put("kid", r.lastKid)
                    .put("format", r.unprotector.lastReadLiveKit() ? "livekit" : "sframe")
                    .put("failures", r.failures).put("failuresByKid", byKid).put("injected", r.injected)
                    .put("formatSwitches", r.switches).put("longestSwitchGapMs", (double) r.longestSwitchGapMs));
        }
        return new JsonObject().put("sending", sending).put("receiving", receivingJson);
    }
}

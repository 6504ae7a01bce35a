package org.conclave.client.platform;

import org.conclave.client.call.FrameKeys;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.jso.Rtc;
import org.conclave.client.util.Base64;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.teavm.jso.JSObject;

/**
 * The page's side of the frame worker ({@code js/frame-worker-boot.js}): starts it, hands it the
 * media keys (to the worker only; never logged) and keeps its latest statistics.
 */
public final class FrameWorkerClient implements FrameKeys {
    private final String url;
    private final Log log;
    /**
     * Started on first use: joining, or an SFU lobby preparing the join ({@link #whenReady}); a
     * mesh lobby does without its 100 KB and its thread.
     */
    private JSObject worker;
    private JsonObject stats = new JsonObject();
    private Runnable onStats = () -> {};
    private boolean ready;
    private boolean failed;
    private Runnable onFailure = () -> {};
    private final java.util.List<Runnable> waiting = new java.util.ArrayList<>();

    public FrameWorkerClient(String url, Log log) {
        this.url = url;
        this.log = log;
    }

    /** The worker handle, for transforms; starts the worker the first time. */
    public JSObject worker() {
        if (worker == null) {
            worker = Rtc.startWorker(url, this::message, this::error);
        }
        return worker;
    }

    /**
     * Starts the worker if it has not started and runs {@code then} once it has loaded and
     * said so: loading and compiling it takes a few hundred milliseconds of a core, which a lobby
     * can spend before the join rather than during it.
     */
    public void whenReady(Runnable then) {
        if (ready) {
            then.run();
            return;
        }
        waiting.add(then);
        worker();
    }

    /**
     * Runs {@code listener} if the worker fails before it has started (its script did not load or
     * threw): no frame can then be protected or read, and nothing waiting for it will run.
     */
    public void onFailure(Runnable listener) {
        this.onFailure = listener;
    }

    private void error(String message) {
        if (ready) {
            log.warn("frames: the frame worker reported an error: " + message);
            return;
        }
        if (failed) {
            return;
        }
        failed = true;
        waiting.clear();
        log.warn("frames: the frame worker did not start: " + message);
        onFailure.run();
    }

    public void onStats(Runnable listener) {
        this.onStats = listener;
    }

    /** The worker's latest counts ({@code MediaEncryption.stats()}). */
    public JsonObject stats() {
        return stats;
    }

    private void message(String json) {
        try {
            JsonObject message = Json.parseObject(json);
            if ("ready".equals(message.getString("op")) && !ready) {
                ready = true;
                java.util.List<Runnable> run = new java.util.ArrayList<>(waiting);
                waiting.clear();
                run.forEach(Runnable::run);
                return;
            }
            if ("stats".equals(message.getString("op")) && message.getObject("stats") != null) {
                stats = message.getObject("stats");
                onStats.run();
            }
        } catch (JsonException e) {
            log.warn("frames: unreadable message from the frame worker");
        }
    }

    @Override
    public void setSendKey(MediaKey key) {
        post(new JsonObject().put("op", "sendKey").put("index", key.index()), key);
    }

    @Override
    public void addReceiveKey(String participant, MediaKey key) {
        post(new JsonObject().put("op", "receiveKey").put("participant", participant).put("index", key.index()), key);
    }

    @Override
    public void forget(String participant) {
        if (worker == null) {
            return; // nothing to forget in a worker that never started
        }
        Rtc.post(worker, new JsonObject().put("op", "forget").put("participant", participant).toJson());
    }

    @Override
    public void sendLiveKitFormat(boolean liveKit) {
        Rtc.post(worker(), new JsonObject().put("op", "format").put("format", liveKit ? "livekit" : "sframe").toJson());
    }

    /**
     * The trailer that marks the frames the SFU makes itself ({@link
     * org.conclave.client.jso.LiveKit#serverInjectedTrailer}): the worker drops them without
     * counting them as failed.
     */
    public void addServerInjectedTrailer(byte[] trailer) {
        Rtc.post(worker(), new JsonObject().put("op", "injectedTrailer").put("trailer", Base64.encode(trailer)).toJson());
    }

    /**
     * Says that the remote track {@code trackId}'s receiver carries {@code participant}'s frames
     * (null: nobody's any more).
     */
    public void bind(String trackId, String participant) {
        JsonObject message = new JsonObject().put("op", "bind").put("track", trackId);
        if (participant != null) {
            message.put("participant", participant);
        }
        Rtc.post(worker(), message.toJson());
    }

    private void post(JsonObject message, MediaKey key) {
        byte[] bytes = key.bytes();
        message.put("key", Base64.encode(bytes));
        java.util.Arrays.fill(bytes, (byte) 0);
        Rtc.post(worker(), message.toJson());
    }
}

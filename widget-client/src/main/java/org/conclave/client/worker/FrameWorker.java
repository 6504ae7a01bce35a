package org.conclave.client.worker;

import org.conclave.client.e2ee.MediaEncryption;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.jso.FrameStreams;
import org.conclave.client.platform.ConsoleLog;
import org.conclave.client.platform.WebCryptoAead;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.util.Base64;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Entry point of {@code js/frame-worker.js}, the dedicated worker where every media frame of a
 * call is SFrame-protected on its way out and unprotected on its way in ({@link MediaEncryption}
 * on WebCrypto). The page sends keys as control messages:
 * <ul>
 *   <li>{@code {op: "sendKey", index, key}}: protect outgoing frames with it from now on;</li>
 *   <li>{@code {op: "format", format: "livekit"|"sframe"}}: the format outgoing frames take;</li>
 *   <li>{@code {op: "receiveKey", participant, index, key}}: a remote participant's key;</li>
 *   <li>{@code {op: "forget", participant}}: the participant left;</li>
 *   <li>{@code {op: "bind", track, participant}}: an SFU receiver's remote track carries that
 *       participant's frames (no participant: nobody's any more).</li>
 * </ul>
 * and gets {@code {op: "ready"}} once it has started, then {@code {op: "stats", stats}} twice a second
 * while they change. Keys are base64; nothing here logs them.
 */
public final class FrameWorker {
    static final int STATS_MS = 500;
    /** How often frames held for a sender's first key are checked for having waited too long. */
    static final int HOLD_CHECK_MS = 100;

    private FrameWorker() {}

    public static void main(String[] args) {
        Log log = new ConsoleLog(false);
        MediaEncryption media = new MediaEncryption(new WebCryptoAead(), log);
        FrameStreams.listen((send, participant, mimeType, keyFrame, data, ssrc, timestamp, emit) -> {
            FrameCallback out = new FrameCallback() {
                @Override
                public void done(byte[] frame) {
                    emit.emit(Int8Array.fromJavaArray(frame));
                }

                @Override
                public void failed(SframeException error) {
                    emit.emit(null);
                }
            };
            if (send) {
                media.encrypt(mimeType, keyFrame, data.toJavaArray(), ssrc, timestamp, out);
            } else {
                media.decrypt(participant, mimeType, keyFrame, data.toJavaArray(), out);
            }
        }, json -> control(media, json, log));
        // Only when they changed: a lobby's idle worker, or a call whose frames stopped, sends nothing.
        String[] last = {""};
        FrameStreams.every(STATS_MS, () -> {
            String stats = media.stats().toJson();
            if (!stats.equals(last[0])) {
                last[0] = stats;
                FrameStreams.post("{\"op\":\"stats\",\"stats\":" + stats + "}");
            }
        });
        FrameStreams.every(HOLD_CHECK_MS, media::expireHeld);
        FrameStreams.post(new JsonObject().put("op", "ready"));
    }

    static void control(MediaEncryption media, String json, Log log) {
        try {
            JsonObject message = Json.parseObject(json);
            String op = message.getString("op");
            if ("forget".equals(op)) {
                media.removeParticipant(message.getString("participant"));
                return;
            }
            if ("format".equals(op)) {
                media.sendLiveKitFormat("livekit".equals(message.getString("format")));
                return;
            }
            if ("injectedTrailer".equals(op) && message.getString("trailer") != null) {
                media.addServerInjectedTrailer(Base64.decode(message.getString("trailer")));
                return;
            }
            if ("bind".equals(op) && message.getString("track") != null) {
                FrameStreams.bind(message.getString("track"), message.getString("participant"));
                return;
            }
            double index = message.getNumber("index", -1);
            String keyText = message.getString("key");
            if (index < 0 || index > 255 || index != Math.floor(index) || keyText == null) {
                log.warn("frame worker: ignored a key message without index or key");
                return;
            }
            MediaKey mediaKey = new MediaKey((int) index, Base64.decode(keyText));
            if ("sendKey".equals(op)) {
                media.setSendKey(mediaKey);
            } else if ("receiveKey".equals(op) && message.getString("participant") != null) {
                media.addReceiveKey(message.getString("participant"), mediaKey);
            } else {
                log.warn("frame worker: ignored an unknown control message");
            }
        } catch (JsonException | IllegalArgumentException e) {
            log.warn("frame worker: ignored a malformed control message");
        }
    }
}

package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.LiveKitFrames;
import org.conclave.client.sframe.SframeException;
import org.conclave.server.config.Secret;
import org.conclave.server.token.LiveKitTokens;
import org.junit.jupiter.api.Test;

/**
 * Conclave's reader of LiveKit's frame format (what Element Call sends) against livekit-client's
 * own E2EE: a stock livekit-client publisher with E2EE on (its FrameCryptor in its own worker,
 * from the npm package) and a known key sends camera and microphone through the real LiveKit;
 * a stock subscriber without E2EE keeps the first frames as they arrive; Conclave's
 * {@link LiveKitFrames.Receiver} opens every one of them with the key, and refuses them under
 * another.
 */
class LiveKitFrameFormatTest extends SfuJourneyBase {
    private static final Path E2EE_WORKER =
            Path.of("../widget-client/src/main/livekit/node_modules/livekit-client/dist/livekit-client.e2ee.worker.js");

    @Test
    void framesLiveKitsOwnCryptorSentOpenWithConclavesReader() throws Exception {
        framesOpen("vp8");
    }

    /**
     * H.264 in LiveKit's format: livekit-client sends the clear NAL unit headers with 4-byte start
     * codes and escapes the rest as an RBSP; Conclave's frame reader (as the worker runs it, clear
     * bytes found by scanning for the first slice) opens every frame.
     */
    @Test
    void h264FramesLiveKitsOwnCryptorSentOpenWithConclavesFrameReader() throws Exception {
        framesOpen("h264");
    }

    private void framesOpen(String codec) throws Exception {
        byte[] material = new byte[16];
        new java.security.SecureRandom().nextBytes(material);
        String room = "lkformat" + Long.toHexString(System.nanoTime());
        LiveKitTokens tokens = new LiveKitTokens(livekit.apiKey, new Secret(livekit.apiSecret), Clock.systemUTC());
        try (BrowserContext one = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
                BrowserContext two = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true))) {
            Page publisher = stockClient(one);
            byte[] worker = Files.readAllBytes(E2EE_WORKER);
            publisher.route("**/lk-e2ee-worker.js", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/javascript").setBodyBytes(worker)));
            publisher.evaluate(PUBLISH_WITH_E2EE, Map.of("url", livekit.url(), "token", tokens.join(room, "element-call"),
                    "key", Base64.getEncoder().encodeToString(material), "codec", codec));

            Page capture = stockClient(two);
            capture.evaluate(CAPTURE, Map.of("url", livekit.url(), "token", tokens.join(room, "capture")));
            assertThat(within(30, () -> captured(capture).path("audio").size() >= 40 && captured(capture).path("video").size() >= 40
                    && captured(capture).path("keyFrames").asInt() > 0)).as("frames captured: " + summary(captured(capture))).isTrue();

            JsonNode frames = captured(capture);
            LiveKitFrames.Receiver reader = new LiveKitFrames.Receiver(new BcAead());
            reader.setKey(0, material);
            LiveKitFrames.Receiver wrong = new LiveKitFrames.Receiver(new BcAead());
            wrong.setKey(0, new byte[16]);
            for (String kind : List.of("audio", "video")) {
                List<String> failures = new ArrayList<>();
                int opened = 0;
                for (JsonNode f : frames.path(kind)) {
                    byte[] frame = Base64.getDecoder().decode(f.asText());
                    if (kind.equals("video") && codec.equals("h264")) {
                        assertThat(frame).as("an H.264 access unit (Annex B)").startsWith(0, 0);
                        Object out = openAsTheWorkerDoes(material, frame);
                        if (out instanceof byte[]) {
                            opened++;
                        } else {
                            failures.add(out.toString());
                        }
                        continue;
                    }
                    int clear = kind.equals("audio") ? 1 : (frame[0] & 1) == 0 ? 10 : 3;
                    Object out = open(reader, frame, clear);
                    if (out instanceof byte[] payload) {
                        opened++;
                        assertThat(payload.length).isEqualTo(frame.length - LiveKitFrames.TRAILER_LENGTH - 16);
                    } else {
                        failures.add(out.toString());
                    }
                    assertThat(open(wrong, frame, clear)).as("another key opens nothing").isInstanceOf(SframeException.class);
                }
                assertThat(failures).as(kind + " frames Conclave could not open").isEmpty();
                assertThat(opened).as(kind + " frames opened").isGreaterThanOrEqualTo(40);
            }
        }
    }

    /** Opens an H.264 frame with the worker's reader (clear bytes, unescaping and all). */
    private static Object openAsTheWorkerDoes(byte[] material, byte[] frame) throws SframeException {
        org.conclave.client.e2ee.FrameUnprotector reader = new org.conclave.client.e2ee.FrameUnprotector(new BcAead());
        reader.addKey(new org.conclave.client.e2ee.MediaKey(0, material.clone()));
        return outcome(done -> reader.unprotect(org.conclave.client.e2ee.MediaCodec.H264, false, frame, done));
    }

    private static Object open(LiveKitFrames.Receiver reader, byte[] frame, int clear) {
        return outcome(done -> reader.unprotect(frame, clear, done));
    }

    /** What {@code call} reported: the output bytes or the exception (the Bouncy Castle backend answers at once). */
    private static Object outcome(java.util.function.Consumer<FrameCallback> call) {
        Object[] result = {null};
        call.accept(new FrameCallback() {
            @Override
            public void done(byte[] output) {
                result[0] = output;
            }

            @Override
            public void failed(SframeException error) {
                result[0] = error;
            }
        });
        return result[0];
    }

    private Page stockClient(BrowserContext context) {
        Page page = context.newPage();
        page.navigate("http://127.0.0.1:" + server.port() + "/healthz");
        page.addScriptTag(new Page.AddScriptTagOptions().setUrl("http://127.0.0.1:" + server.port() + "/js/livekit-client.js"));
        return page;
    }

    private static JsonNode captured(Page page) {
        try {
            return JSON.readTree((String) page.evaluate("() => JSON.stringify(window.captured || {})"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String summary(JsonNode frames) {
        return "audio " + frames.path("audio").size() + ", video " + frames.path("video").size() + ", key frames "
                + frames.path("keyFrames").asInt();
    }

    /** livekit-client's E2EE as Element Call uses it: raw key bytes as HKDF material, key index 0. */
    static final String PUBLISH_WITH_E2EE = """
            async ({url, token, key, codec}) => {
              const keyProvider = new LivekitClient.ExternalE2EEKeyProvider();
              const raw = Uint8Array.from(atob(key), (c) => c.charCodeAt(0));
              await keyProvider.setKey(raw.buffer);
              const room = new LivekitClient.Room({e2ee: {keyProvider, worker: new Worker('/lk-e2ee-worker.js')},
                publishDefaults: {videoCodec: codec}});
              await room.setE2EEEnabled(true);
              await room.connect(url, token);
              await room.localParticipant.enableCameraAndMicrophone();
              window.lkRoom = room;
            }
            """;

    /** A stock subscriber keeping the first 60 frames of each kind as they arrive (before any decoder). */
    static final String CAPTURE = """
            async ({url, token}) => {
              const source = `
                const kept = {audio: [], video: [], keyFrames: 0};
                onrtctransform = (event) => {
                  const kind = event.transformer.options.kind;
                  event.transformer.readable.pipeThrough(new TransformStream({transform(frame, out) {
                    if (kept[kind].length < 60 && frame.data.byteLength > 0) {
                      const bytes = new Uint8Array(frame.data);
                      if (kind === 'video' && frame.type === 'key') kept.keyFrames++;
                      let text = '';
                      for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
                      kept[kind].push(btoa(text));
                    }
                    out.enqueue(frame);
                  }})).pipeTo(event.transformer.writable);
                };
                setInterval(() => postMessage(JSON.stringify(kept)), 250);
                postMessage('ready');`;
              const worker = new Worker(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
              await new Promise((resolve) => { worker.onmessage = (event) => { if (event.data === 'ready') resolve(); }; });
              worker.onmessage = (event) => { window.captured = JSON.parse(event.data); };
              """ + SfuJourneyBase.HOOK_RECEIVERS + """
              hookReceivers(worker);
              const room = new LivekitClient.Room();
              await room.connect(url, token, {autoSubscribe: true});
            }
            """;
}

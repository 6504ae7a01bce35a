package org.conclave.client.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.call.ReceiveStats;
import org.conclave.client.jso.Rtc;
import org.conclave.client.mesh.PeerLink;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.TurnServers;
import org.teavm.jso.JSObject;

/**
 * The browser side of the mesh: makes a {@link BrowserPeerLink} per remote device, keeps the
 * remote streams each one brings (for the tiles), sends the local tracks as they change, and polls
 * every connection's RTP statistics once a second.
 */
public final class MeshMedia implements PeerLink.Factory {
    static final double STATS_MS = 1_000;

    private final LocalMedia local;
    private final FrameWorkerClient frames;
    private final Scheduler scheduler;
    private final boolean encodedStreams;
    private final Log log;
    private final List<BrowserPeerLink> links = new ArrayList<>();
    private final Map<String, Map<String, JSObject>> streams = new LinkedHashMap<>();
    // The streams each link brought, by id: a participant's new link (after a rejoin or a fresh
    // call) brings streams with the ids of the old one's, and the old link may close later.
    private final Map<BrowserPeerLink, Map<String, JSObject>> streamsOfLink = new LinkedHashMap<>();
    private Map<String, ReceiveStats> stats = new LinkedHashMap<>();
    private Runnable listener = () -> {};
    private String iceServersJson = "[]";
    private boolean polling;

    public MeshMedia(LocalMedia local, FrameWorkerClient frames, Scheduler scheduler, boolean encodedStreams, Log log) {
        this.local = local;
        this.frames = frames;
        this.scheduler = scheduler;
        this.encodedStreams = encodedStreams;
        this.log = log;
        local.addListener(this::localChanged);
    }

    /** Hears remote streams coming and going, and new statistics. */
    public void setListener(Runnable listener) {
        this.listener = listener;
    }

    @Override
    public PeerLink create(String participantKey, boolean offerer, PeerLink.Events events) {
        BrowserPeerLink link = new BrowserPeerLink(participantKey, offerer, events, local, frames, this, iceServersJson,
                encodedStreams, log);
        links.add(link);
        streamsOfLink.put(link, new LinkedHashMap<>());
        if (!polling) {
            polling = true;
            scheduler.schedule(STATS_MS, this::poll);
        }
        return link;
    }

    /**
     * The host's TURN servers: new connections start with them, live ones get them for their
     * next gathering (an ICE restart after a failure is when a connection most needs them).
     */
    public void setTurnServers(TurnServers servers) {
        iceServersJson = servers.toIceServersJson();
        for (BrowserPeerLink link : links) {
            link.setIceServers(iceServersJson);
        }
    }

    /** The ICE server URIs each live connection has, by participant (diagnostics; no credentials). */
    public JsonObject iceServerUris() {
        JsonObject uris = new JsonObject();
        for (BrowserPeerLink link : links) {
            uris.put(link.participant(), Json.parse(Rtc.iceServerUris(link.connection())));
        }
        return uris;
    }

    private void localChanged() {
        for (BrowserPeerLink link : links) {
            link.updateLocal();
        }
    }

    /**
     * A remote stream arrived on {@code link}. The newest link's stream of an id is the one shown:
     * it replaces an older link's stream of the same id, and closing the older link later leaves
     * it in place.
     */
    void remoteStream(BrowserPeerLink link, JSObject stream) {
        String participant = link.participant();
        String id = Rtc.streamId(stream);
        Map<String, JSObject> mine = streams.computeIfAbsent(participant, p -> new LinkedHashMap<>());
        if (mine.get(id) == stream) {
            return;
        }
        mine.put(id, stream);
        Map<String, JSObject> ofLink = streamsOfLink.get(link);
        if (ofLink != null) {
            ofLink.put(id, stream);
        }
        Rtc.onRemoveTrack(stream, () -> {
            if (Rtc.liveTracks(stream) == 0 && mine.get(id) == stream) {
                mine.remove(id);
                listener.run();
            }
        });
        listener.run();
    }

    void closed(BrowserPeerLink link) {
        links.remove(link);
        Map<String, JSObject> brought = streamsOfLink.remove(link);
        Map<String, JSObject> mine = streams.get(link.participant());
        if (brought != null && mine != null) {
            brought.forEach((id, stream) -> {
                if (mine.get(id) == stream) { // not yet replaced by a newer link's
                    mine.remove(id);
                }
            });
            if (mine.isEmpty()) {
                streams.remove(link.participant());
            }
        }
        if (links.stream().noneMatch(other -> other.participant().equals(link.participant()))) {
            stats.remove(link.participant());
        }
        listener.run();
    }

    /** The remote streams of {@code participant}, by id, in arrival order. */
    public Map<String, JSObject> streamsOf(String participant) {
        Map<String, JSObject> mine = streams.get(participant);
        return mine == null ? Map.of() : mine;
    }

    /** The latest statistics per participant. */
    public Map<String, ReceiveStats> stats() {
        return stats;
    }

    /**
     * In a mesh every device encodes its camera once per peer: the upload and the CPU grow with
     * the call. From three peers on each copy is sent at half resolution, and the bitrate budget
     * is shared between the peers.
     */
    static int cameraBitrate(int peers) {
        return Math.max(200_000, Math.min(1_500_000, 1_500_000 / Math.max(1, peers)));
    }

    static double cameraScale(int peers) {
        return peers >= 3 ? 2 : 1;
    }

    private void poll() {
        if (links.isEmpty()) {
            polling = false;
            return;
        }
        for (BrowserPeerLink link : links) {
            link.limitCamera(cameraBitrate(links.size()), cameraScale(links.size()));
        }
        Map<String, ReceiveStats> next = new LinkedHashMap<>();
        int[] pending = {links.size()};
        for (BrowserPeerLink link : new ArrayList<>(links)) {
            Rtc.stats(link.connection(), (json, error) -> {
                // A link closed while its statistics were on their way no longer speaks for its
                // participant (a newer link may), and must not bring a departed one back.
                if (json != null && links.contains(link)) {
                    next.put(link.participant(), summarise(json, log));
                }
                if (--pending[0] == 0) {
                    stats = next;
                    listener.run();
                    scheduler.schedule(STATS_MS, this::poll);
                }
            });
        }
    }

    private static ReceiveStats summarise(String json, Log log) {
        try {
            return summarise(Json.parseObject(json), log);
        } catch (RuntimeException e) {
            log.warn("media: unreadable statistics");
            return ReceiveStats.NONE;
        }
    }

    /** Sums the inbound RTP streams of a statistics report ({@code {inbound: [...]}}). */
    static ReceiveStats summarise(JsonObject report, Log log) {
        int videoPackets = 0;
        int framesReceived = 0;
        int framesDecoded = 0;
        int audioPackets = 0;
        double energy = 0;
        double level = 0;
        int lost = 0;
        double jitter = 0;
        try {
            JsonArray inbound = report.getArray("inbound");
            for (JsonValue item : inbound.items()) {
                JsonObject s = item.asObject();
                lost += (int) Math.max(0, s.getNumber("packetsLost", 0));
                jitter = Math.max(jitter, s.getNumber("jitter", 0));
                if ("video".equals(s.getString("kind"))) {
                    videoPackets += (int) s.getNumber("packetsReceived", 0);
                    framesReceived += (int) s.getNumber("framesReceived", 0);
                    framesDecoded += (int) s.getNumber("framesDecoded", 0);
                } else if ("audio".equals(s.getString("kind"))) {
                    audioPackets += (int) s.getNumber("packetsReceived", 0);
                    energy += s.getNumber("totalAudioEnergy", 0);
                    level = Math.max(level, s.getNumber("audioLevel", 0));
                }
            }
        } catch (RuntimeException e) {
            log.warn("media: unreadable statistics");
        }
        return new ReceiveStats(videoPackets, framesReceived, framesDecoded, audioPackets, energy, level).withLoss(lost, jitter);
    }
}

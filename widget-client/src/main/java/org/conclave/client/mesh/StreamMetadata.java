package org.conclave.client.mesh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;

/**
 * What a device says about the media streams it sends ({@code sdp_stream_metadata}, MSC3077):
 * per stream id its purpose (camera and microphone, or screen share) and whether its audio and
 * video are muted. Immutable.
 */
public final class StreamMetadata {
    public static final String USERMEDIA = "m.usermedia";
    public static final String SCREENSHARE = "m.screenshare";

    /** One stream. */
    public static final class Stream {
        private final String purpose;
        private final boolean audioMuted;
        private final boolean videoMuted;

        public Stream(String purpose, boolean audioMuted, boolean videoMuted) {
            this.purpose = purpose;
            this.audioMuted = audioMuted;
            this.videoMuted = videoMuted;
        }

        public String purpose() {
            return purpose;
        }

        public boolean audioMuted() {
            return audioMuted;
        }

        public boolean videoMuted() {
            return videoMuted;
        }

        public boolean isScreenshare() {
            return SCREENSHARE.equals(purpose);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stream s && s.purpose.equals(purpose) && s.audioMuted == audioMuted
                    && s.videoMuted == videoMuted;
        }

        @Override
        public int hashCode() {
            return purpose.hashCode() * 4 + (audioMuted ? 2 : 0) + (videoMuted ? 1 : 0);
        }
    }

    public static final StreamMetadata NONE = new StreamMetadata(Collections.emptyMap());

    private final Map<String, Stream> streams;

    public StreamMetadata(Map<String, Stream> streams) {
        this.streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
    }

    /** The streams by id. */
    public Map<String, Stream> streams() {
        return streams;
    }

    /** The stream {@code id}, or null. */
    public Stream get(String id) {
        return streams.get(id);
    }

    /** Parses {@code sdp_stream_metadata}; null when malformed. Unknown purposes are refused. */
    static StreamMetadata parse(JsonObject json) {
        if (json == null || json.size() > CallSignal.MAX_STREAMS) {
            return null;
        }
        Map<String, Stream> out = new LinkedHashMap<>();
        for (String id : json.names()) {
            JsonObject s = json.getObject(id);
            if (id.isEmpty() || id.length() > CallSignal.MAX_ID || s == null) {
                return null;
            }
            String purpose = s.getString("purpose");
            if (!USERMEDIA.equals(purpose) && !SCREENSHARE.equals(purpose)) {
                return null;
            }
            out.put(id, new Stream(purpose, s.getBoolean("audio_muted", false), s.getBoolean("video_muted", false)));
        }
        return new StreamMetadata(out);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            json.put(e.getKey(), new JsonObject()
                    .put("purpose", e.getValue().purpose())
                    .put("audio_muted", JsonValue.of(e.getValue().audioMuted()))
                    .put("video_muted", JsonValue.of(e.getValue().videoMuted())));
        }
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamMetadata m && m.streams.equals(streams);
    }

    @Override
    public int hashCode() {
        return streams.hashCode();
    }
}

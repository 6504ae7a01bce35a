package org.conclave.client.e2ee;

/**
 * The codecs whose frames Conclave encrypts, and how many leading bytes of each frame stay clear
 * for the RTP packetizer and depacketizer (protocol.md §6): the codec's own header, authenticated as
 * SFrame metadata. The rule depends only on those clear bytes, so the receiver finds the same length
 * on the protected frame.
 */
public enum MediaCodec {
    /** Opus: the TOC byte. */
    OPUS,
    /** VP8: the payload header, 10 bytes on key frames, 3 on delta frames (RFC 6386 §9.1). */
    VP8,
    /** VP9: nothing; its RTP payload descriptor is outside the frame. */
    VP9,
    /** H.264 Annex B: everything before the first slice NAL unit, plus its header and one byte. */
    H264,
    /** Anything else (AV1, unknown): the whole frame is encrypted. */
    OTHER;

    /** The codec of an encoded frame from its {@code mimeType} ({@code video/VP8}, {@code audio/opus}, …). */
    public static MediaCodec fromMimeType(String mimeType) {
        if (mimeType == null) {
            return OTHER;
        }
        String type = org.conclave.client.util.Ascii.toLowerCase(mimeType);
        switch (type) {
            case "audio/opus":
                return OPUS;
            case "video/vp8":
                return VP8;
            case "video/vp9":
                return VP9;
            case "video/h264":
                return H264;
            default:
                return OTHER;
        }
    }

    /** How many leading bytes of {@code frame} stay clear (never more than the frame). */
    public int clearBytes(byte[] frame, boolean keyFrame) {
        int n;
        switch (this) {
            case OPUS:
                n = 1;
                break;
            case VP8:
                n = keyFrame ? 10 : 3;
                break;
            case H264:
                n = h264ClearBytes(frame);
                break;
            default:
                n = 0;
                break;
        }
        return Math.min(n, frame.length);
    }

    /**
     * Up to and including the header and first byte of the first slice NAL unit (types 1 and 5),
     * as LiveKit and Jitsi do; 0 when the frame holds no slice.
     */
    private static int h264ClearBytes(byte[] frame) {
        for (int i = 0; i + 3 < frame.length; i++) {
            boolean startCode = frame[i] == 0 && frame[i + 1] == 0 && frame[i + 2] == 1;
            if (startCode) {
                int type = frame[i + 3] & 0x1f;
                if (type == 1 || type == 5) {
                    return i + 3 + 2;
                }
                i += 2;
            }
        }
        return 0;
    }
}

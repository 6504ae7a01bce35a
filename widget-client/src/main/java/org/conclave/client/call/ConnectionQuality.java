package org.conclave.client.call;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How well media arrives from each participant, from the RTP statistics the transport reports
 * about once a second: the share of packets lost since the previous report and the worst jitter.
 * {@code good} under 2 % loss and 30 ms jitter, {@code fair} under 8 % and 100 ms, {@code poor}
 * above, or when nothing arrived at all since the last report although media had been flowing;
 * {@code unknown} before there is anything to compare.
 */
public final class ConnectionQuality {
    public static final String UNKNOWN = "unknown";
    public static final String GOOD = "good";
    public static final String FAIR = "fair";
    public static final String POOR = "poor";

    private static final class Seen {
        ReceiveStats last;
        String level = UNKNOWN;
    }

    private final Map<String, Seen> seen = new HashMap<>();

    /** The level for {@code participant} given its latest statistics (the same object again: the same level). */
    public String of(String participant, ReceiveStats stats) {
        Seen s = seen.computeIfAbsent(participant, p -> new Seen());
        if (stats == s.last) {
            return s.level;
        }
        ReceiveStats before = s.last;
        s.last = stats;
        if (before == null) {
            return s.level;
        }
        long received = (long) stats.videoPackets() + stats.audioPackets() - before.videoPackets() - before.audioPackets();
        long lost = (long) stats.packetsLost() - before.packetsLost();
        if (received < 0 || lost < 0) {
            s.level = UNKNOWN; // counters started over (a new connection or track)
        } else if (received == 0) {
            s.level = before.videoPackets() + before.audioPackets() > 0 && s.level != UNKNOWN ? POOR : UNKNOWN;
        } else {
            double loss = (double) lost / (received + lost);
            double jitter = stats.jitterSeconds();
            s.level = loss < 0.02 && jitter < 0.030 ? GOOD : loss < 0.08 && jitter < 0.100 ? FAIR : POOR;
        }
        return s.level;
    }

    /** Forgets everyone not in {@code participants}. */
    public void retain(Set<String> participants) {
        seen.keySet().retainAll(participants);
    }
}

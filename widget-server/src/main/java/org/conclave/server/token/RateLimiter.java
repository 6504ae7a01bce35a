package org.conclave.server.token;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at {@code perSecond}.
 * Tracks at most {@link #MAX_CLIENTS} addresses (the least recently seen go first), so a flood
 * from many addresses cannot grow it without bound.
 */
public final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final int burst;
    private final double perSecond;
    private final Clock clock;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true);

    public RateLimiter(int burst, double perSecond, Clock clock) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Takes one request from {@code client}'s bucket; false when it is empty. */
    public synchronized boolean allow(String client) {
        double now = clock.millis() / 1000.0;
        double[] bucket = buckets.get(client); // {tokens, last refill}
        if (bucket == null) {
            if (buckets.size() >= MAX_CLIENTS) {
                Iterator<String> oldest = buckets.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            bucket = new double[] {burst, now};
            buckets.put(client, bucket);
        }
        bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond);
        bucket[1] = now;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }

    /** Milliseconds until {@code client} may ask again. */
    public synchronized long retryAfterMillis(String client) {
        double[] bucket = buckets.get(client);
        return bucket == null || bucket[0] >= 1 ? 0 : (long) Math.ceil((1 - bucket[0]) / perSecond * 1000);
    }
}

package org.conclave.client.platform;

import org.conclave.client.util.Scheduler;
import org.teavm.jso.browser.Window;

/** {@link Scheduler} on the browser's {@code setTimeout}. */
public final class BrowserScheduler implements Scheduler {
    @Override
    public Cancellable schedule(double delayMillis, Runnable task) {
        int id = Window.setTimeout(task::run, delayMillis);
        return () -> Window.clearTimeout(id);
    }
}

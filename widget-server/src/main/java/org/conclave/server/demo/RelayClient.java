package org.conclave.server.demo;

/** One host page connected to a {@link DemoRoom}: a Matrix user on one device. */
interface RelayClient {
    String userId();

    String deviceId();

    /** Delivers one relay message (JSON text). Must not block for long. */
    void deliver(String json);
}

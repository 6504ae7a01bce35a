package org.conclave.client.shim.java.security;

/** Stands in for {@code java.security.Security} under TeaVM: no security properties in a browser. */
public final class TSecurity {
    private TSecurity() {}

    public static String getProperty(String key) {
        return null;
    }
}

package org.conclave.client.shim.javax.security.auth;

/** Stands in for {@code javax.security.auth.DestroyFailedException} under TeaVM. */
public class TDestroyFailedException extends Exception {
    public TDestroyFailedException() {}

    public TDestroyFailedException(String message) {
        super(message);
    }
}

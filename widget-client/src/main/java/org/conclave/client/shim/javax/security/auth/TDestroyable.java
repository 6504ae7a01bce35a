package org.conclave.client.shim.javax.security.auth;

/** Stands in for {@code javax.security.auth.Destroyable} under TeaVM, with the JDK's defaults. */
public interface TDestroyable {
    default void destroy() throws TDestroyFailedException {
        throw new TDestroyFailedException();
    }

    default boolean isDestroyed() {
        return false;
    }
}

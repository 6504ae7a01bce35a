package org.conclave.server.token;

/** Asks the user's homeserver who an OpenID token belongs to. */
public interface OpenIdVerifier {
    /**
     * The Matrix user id the token was issued to, on the token's own homeserver. Throws
     * {@link TokenException}: 401 {@code M_UNAUTHORIZED} when the homeserver does not vouch for
     * it, 502 {@code M_UNKNOWN} when the homeserver cannot be reached.
     */
    String userIdOf(OpenIdToken token);
}

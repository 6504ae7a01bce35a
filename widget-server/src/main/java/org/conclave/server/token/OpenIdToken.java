package org.conclave.server.token;

/**
 * An OpenID token a Matrix client got from its homeserver (the widget API's {@code get_openid}):
 * proof, checkable with that homeserver, of who the user is. {@link #toString()} hides the token.
 */
public record OpenIdToken(String accessToken, String tokenType, String matrixServerName, long expiresIn) {
    @Override
    public String toString() {
        return "OpenIdToken[" + matrixServerName + ", [REDACTED]]";
    }
}

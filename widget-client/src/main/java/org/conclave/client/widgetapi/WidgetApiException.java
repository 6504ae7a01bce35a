package org.conclave.client.widgetapi;

/** A Widget API request that failed, with the reason. */
public final class WidgetApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** The other side did not answer within {@link WidgetApiClient#REQUEST_TIMEOUT_MS}. */
        TIMEOUT,
        /** The other side answered with {@code response.error}. */
        ERROR_REPLY,
        /** A request or reply was not of the expected shape. */
        MALFORMED
    }

    /** The reason. */
    public final Reason reason;
    /** The homeserver's Matrix error code behind an error reply (e.g. {@code M_NOT_FOUND}), or null. */
    public final String errcode;
    /** How long the homeserver asked to wait before trying again (ms), or NaN. */
    public final double retryAfterMs;

    /** A failure for {@code reason}, with a message safe to log and show. */
    public WidgetApiException(Reason reason, String message) {
        this(reason, message, null, Double.NaN);
    }

    /** An error reply that carries the homeserver's {@code errcode} and {@code retryAfterMs} (NaN: none). */
    public WidgetApiException(Reason reason, String message, String errcode, double retryAfterMs) {
        super(message);
        this.reason = reason;
        this.errcode = errcode;
        this.retryAfterMs = retryAfterMs;
    }
}

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

    /** A failure for {@code reason}, with a message safe to log and show. */
    public WidgetApiException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }
}

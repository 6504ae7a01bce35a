package org.conclave.client.widgetapi;

/** Every Widget API action string Conclave sends or answers, each defined once (protocol.md §2). */
public final class WidgetAction {
    private WidgetAction() {}

    /** Envelope {@code api} of messages the host sends. */
    public static final String API_TO_WIDGET = "toWidget";
    /** Envelope {@code api} of messages the widget sends. */
    public static final String API_FROM_WIDGET = "fromWidget";

    // Host -> widget
    public static final String CAPABILITIES = "capabilities";
    public static final String NOTIFY_CAPABILITIES = "notify_capabilities";
    public static final String SUPPORTED_API_VERSIONS = "supported_api_versions";
    public static final String UPDATE_STATE = "update_state";
    public static final String SEND_EVENT = "send_event";
    public static final String SEND_TO_DEVICE = "send_to_device";
    public static final String THEME_CHANGE = "theme_change";
    public static final String LANGUAGE_CHANGE = "language_change";
    public static final String VISIBILITY = "visibility";
    public static final String OPENID_CREDENTIALS = "openid_credentials";
    public static final String UPDATE_TURN_SERVERS = "update_turn_servers";

    // Widget -> host
    public static final String CONTENT_LOADED = "content_loaded";
    public static final String GET_OPENID = "get_openid";
    public static final String SET_ALWAYS_ON_SCREEN = "set_always_on_screen";
    /** The homeserver's RTC transports (MSC4515): {@code {rtc_transports: [{type, livekit_service_url}]}}. */
    public static final String GET_RTC_TRANSPORTS = "org.matrix.msc4515.get_rtc_transports";
    public static final String UPDATE_DELAYED_EVENT = "org.matrix.msc4157.update_delayed_event";
    /** MSC2876: reading the room's recent timeline events of one type (raised hands from before a join). */
    public static final String READ_EVENTS = "org.matrix.msc2876.read_events";
    public static final String REQUEST_CAPABILITIES = "org.matrix.msc2974.request_capabilities";
    public static final String WATCH_TURN_SERVERS = "watch_turn_servers";

    // Element actions, both directions
    public static final String ELEMENT_JOIN = "io.element.join";
    public static final String ELEMENT_HANGUP = "im.vector.hangup";
    public static final String ELEMENT_CLOSE = "io.element.close";
    public static final String ELEMENT_DEVICE_MUTE = "io.element.device_mute";
}

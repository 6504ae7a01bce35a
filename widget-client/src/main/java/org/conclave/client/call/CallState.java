package org.conclave.client.call;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Text;

/**
 * What the widget's screen shows, as plain data: the room, who we are, the theme, and how far the
 * connection to the host has come. The {@code ui} package renders it; nothing here touches the DOM.
 */
public final class CallState {
    /** How far the widget is. */
    public enum Connection {
        /** Talking to the host: handshake not complete. */
        CONNECTING,
        /** Handshake complete: the lobby is usable. */
        READY,
        /** Opened outside a Matrix client, or the host refused: see {@link #error()}. */
        FAILED
    }

    private final String userId;
    private final String deviceId;
    private final String roomId;
    private final List<Runnable> listeners = new ArrayList<>();
    private String roomName;
    private Theme theme = Theme.DEFAULT;
    private Connection connection = Connection.CONNECTING;
    private Text error;
    private Presence presence = Presence.OUT;
    private List<Row> participants = new ArrayList<>();
    private int sendKeyIndex = -1;
    private MediaState media = MediaState.NONE;
    private List<Tile> tiles = new ArrayList<>();
    private Text callProblem;
    private SecurityCode securityCode;
    private DisplayNames names = DisplayNames.none();
    private boolean liveKitFormat;
    private Messages messages = Messages.english();
    private double fontScale = 1;
    private final Layout layout = new Layout();
    private final java.util.Map<String, String> avatarPictures = new java.util.HashMap<>();
    private int avatarsVersion;
    private SfuLobby sfuLobby = SfuLobby.NONE;

    /** Where this device is in the call. */
    public enum Presence { OUT, JOINING, IN, LEAVING }

    /**
     * What the lobby did ahead of an SFU join: nothing (no SFU known), loading the SDK and asking
     * for a grant, or done (a join then starts with both at hand).
     */
    public enum SfuLobby { NONE, PREPARING, READY }

    /** One participant as the screen shows it. */
    public static final class Row {
        public static final String CONCLAVE = "Conclave";
        /** A membership that reads only LiveKit's frame format: Element Call's. */
        public static final String ELEMENT_CALL = "Element Call";

        private final String userId;
        private final String deviceId;
        private final boolean self;
        private final int keyIndex;
        private final String client;

        public Row(String userId, String deviceId, boolean self, int keyIndex) {
            this(userId, deviceId, self, keyIndex, CONCLAVE);
        }

        public Row(String userId, String deviceId, boolean self, int keyIndex, String client) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.self = self;
            this.keyIndex = keyIndex;
            this.client = client;
        }

        /** The participant's client, from its membership: {@value #CONCLAVE} or {@value #ELEMENT_CALL}. */
        public String client() {
            return client;
        }

        public String userId() {
            return userId;
        }

        public String deviceId() {
            return deviceId;
        }

        public boolean self() {
            return self;
        }

        /** The newest key index we hold from this participant (our own send index for us), or -1. */
        public int keyIndex() {
            return keyIndex;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Row r && r.self == self && r.keyIndex == keyIndex && r.userId.equals(userId)
                    && r.deviceId.equals(deviceId) && r.client.equals(client);
        }

        @Override
        public int hashCode() {
            return (userId.hashCode() * 31 + deviceId.hashCode()) * 31 + keyIndex;
        }
    }

    /** The state of {@code userId} on {@code deviceId} in {@code roomId} (any may be null). */
    public CallState(String userId, String deviceId, String roomId) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.roomId = roomId;
    }

    /** Adds a listener called after every change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** Sets the room's display name ({@code null}: fall back to the room id). */
    public void setRoomName(String name) {
        roomName = name;
        changed();
    }

    /** Sets the theme. */
    public void setTheme(Theme theme) {
        if (!theme.equals(this.theme)) {
            this.theme = theme;
            changed();
        }
    }

    /** Marks the handshake complete; a widget that has already failed stays failed. */
    public void setReady() {
        if (connection == Connection.FAILED) {
            return;
        }
        connection = Connection.READY;
        error = null;
        changed();
    }

    /** Marks the widget failed with a message for the person looking at it. */
    public void setFailed(Text message) {
        connection = Connection.FAILED;
        error = message;
        changed();
    }

    /** The name to show for the room. */
    public String roomDisplayName() {
        if (roomName != null) {
            return roomName;
        }
        return roomId != null ? roomId : "";
    }

    public String userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    public String roomId() {
        return roomId;
    }

    public Theme theme() {
        return theme;
    }

    public Connection connection() {
        return connection;
    }

    public Presence presence() {
        return presence;
    }

    public void setPresence(Presence presence) {
        if (this.presence != presence) {
            this.presence = presence;
            changed();
        }
    }

    /** The participants, oldest first (empty while out of the call). */
    public List<Row> participants() {
        return participants;
    }

    /** The index of the key this device sends with, or -1. */
    public int sendKeyIndex() {
        return sendKeyIndex;
    }


    /** This device's camera, microphone and screen share. */
    public MediaState media() {
        return media;
    }

    public void setMedia(MediaState media) {
        this.media = media;
        changed();
    }

    /** The call grid's tiles (empty while out of the call): ourselves first, then the others. */
    public List<Tile> tiles() {
        return tiles;
    }

    /** Sets the participant rows, our send index, the tiles and why media cannot flow (or null) at once (one render). */
    public void setCall(List<Row> rows, int sendKeyIndex, List<Tile> tiles, Text mediaProblem, boolean liveKitFormat) {
        this.liveKitFormat = liveKitFormat;
        this.participants = new ArrayList<>(rows);
        this.sendKeyIndex = sendKeyIndex;
        this.tiles = new ArrayList<>(tiles);
        this.callProblem = mediaProblem;
        changed();
    }

    /** True while this device sends in LiveKit's frame format (a participant reads only that), else SFrame. */
    public boolean liveKitFormat() {
        return liveKitFormat;
    }

    /** Why the call's media cannot flow now (the media server unreachable, refusing us), or {@code null}. */
    public Text callProblem() {
        return callProblem;
    }

    /** People's names as the room shows them. */
    public DisplayNames names() {
        return names;
    }

    /** Sets the names, shown with the next render. */
    public void setNames(DisplayNames names) {
        this.names = names;
    }

    /** The call security code ({@link SecurityCode}) this device shows, or null (not in a call, or alone). */
    public SecurityCode securityCode() {
        return securityCode;
    }

    /** Sets the security code, shown with the next {@link #setCall}. */
    public void setSecurityCode(SecurityCode code) {
        this.securityCode = code;
    }

    /** Why the widget failed, or {@code null}. */
    public Text error() {
        return error;
    }

    /** The words the screen shows, in the host's language ({@code lang}, {@code language_change}). */
    public Messages messages() {
        return messages;
    }

    /** Shows the screen in {@code messages}' language. */
    public void setMessages(Messages messages) {
        this.messages = messages;
        changed();
    }

    /** The tiles' layout and what the person looking chose (grid or spotlight, a pinned tile, a page). */
    public Layout layout() {
        return layout;
    }

    /** The picture (a URL the page can show) of avatar {@code mediaUri}, or null while there is none. */
    public String avatarPicture(String mediaUri) {
        return mediaUri == null ? null : avatarPictures.get(mediaUri);
    }

    /** Avatar {@code mediaUri} can be shown from {@code url}. */
    public void setAvatarPicture(String mediaUri, String url) {
        avatarPictures.put(mediaUri, url);
        avatarsVersion++;
        changed();
    }

    /** What the lobby did ahead of an SFU join. */
    public SfuLobby sfuLobby() {
        return sfuLobby;
    }

    public void setSfuLobby(SfuLobby sfuLobby) {
        this.sfuLobby = sfuLobby;
        changed();
    }

    /** Counts {@link #setAvatarPicture} calls: what the screen shows of avatars changed when it moves. */
    public int avatarsVersion() {
        return avatarsVersion;
    }

    /** Renders again after a change to {@link #layout()}. */
    public void layoutChanged() {
        changed();
    }

    /** How much larger than the browser's default the text is (the host's {@code fontScale}). */
    public double fontScale() {
        return fontScale;
    }

    /** Sets {@link #fontScale}: a finite number from 0.5 to 3; anything else is ignored. */
    public void setFontScale(double scale) {
        if (scale >= 0.5 && scale <= 3) {
            this.fontScale = scale;
            changed();
        }
    }
}

package org.conclave.client.i18n;

/**
 * Every string the widget shows, with its English text. {@code {0}}, {@code {1}} stand for
 * arguments (names, numbers, a server's answer, or another message). The bundles are
 * {@code static/i18n/<lang>.json}, keyed by {@link #key()}; English is built in as well (the first
 * screen needs no extra request) and a test holds it equal to {@code en.json}, and every other
 * language to the same keys with the same arguments.
 */
public enum Msg {
    // The room bar.
    E2EE("End-to-end encrypted"),
    E2EE_ELEMENT_CALL("End-to-end encrypted · Element Call compatible"),
    E2EE_SFRAME("End-to-end encrypted · SFrame"),

    // The lobby.
    JOINING_AS("Joining as {0}"),
    YOU_ARE("You are {0}"),
    STATUS_CONNECTING("Connecting to your Matrix client…"),
    STATUS_READY("Ready"),
    STATUS_JOINING("Joining…"),
    STATUS_IN_CALL("In the call"),
    STATUS_IN_CALL_KEY("In the call · sending with key {0}"),
    STATUS_LEAVING("Leaving…"),
    JOIN_CALL("Join call"),
    LEAVE("Leave"),
    CAMERA("Camera"),
    MICROPHONE("Microphone"),
    CAMERA_NUMBERED("Camera {0}"),
    MICROPHONE_NUMBERED("Microphone {0}"),
    CAMERA_ON("Camera on"),
    CAMERA_OFF("Camera off"),
    MICROPHONE_ON("Microphone on"),
    MICROPHONE_OFF("Microphone off"),

    // The call's controls (named by what pressing them does).
    MUTE("Mute the microphone (m)"),
    UNMUTE("Unmute the microphone (m)"),
    CAMERA_TURN_OFF("Turn the camera off (v)"),
    CAMERA_TURN_ON("Turn the camera on (v)"),
    SCREEN_SHARE("Share the screen"),
    SCREEN_SHARE_STOP("Stop sharing the screen"),
    LEAVE_CALL("Leave the call"),
    SHORTCUTS_BUTTON("Keyboard shortcuts (?)"),
    LAYOUT_GRID("Show everyone in a grid"),
    LAYOUT_SPOTLIGHT("Show the speaker large"),
    PIN("Pin {0} large"),
    UNPIN("Unpin {0}"),
    PAGE_PREVIOUS("Previous page"),
    PAGE_NEXT("Next page"),
    PAGE_OF("Page {0} of {1}"),
    RAISE_HAND("Raise your hand"),
    LOWER_HAND("Lower your hand"),
    REACTIONS("Send a reaction"),
    HAND_RAISED("{0} raised a hand"),
    REACTED("{0} reacted {1}"),
    REACTION_THUMBSUP("Thumbs up"),
    REACTION_PARTY("Party"),
    REACTION_CLAPPING("Clapping"),
    REACTION_WAVE("Wave"),
    REACTION_LAUGH("Laugh"),
    REACTION_LIGHTBULB("Idea"),

    // The shortcuts overlay.
    SHORTCUTS_TITLE("Keyboard shortcuts"),
    SHORTCUT_MIC("Mute or unmute the microphone"),
    SHORTCUT_CAMERA("Turn the camera off or on"),
    SHORTCUT_TALK("Hold to talk while muted"),
    SHORTCUT_HELP("Show or hide these shortcuts"),
    SHORTCUT_CLOSE("Close this list"),
    KEY_SPACE("Space"),
    KEY_ESCAPE("Esc"),
    CLOSE("Close"),

    // Tiles.
    TILE_YOU("{0} (you)"),
    TILE_SCREEN("{0} · screen"),
    TILE_SCREEN_BADGE("Screen"),
    TILE_MUTED("Muted"),
    TILE_MIC_ON("Mic on"),
    TILE_CONNECTION_LOST("Connection lost · reconnecting…"),
    TILE_CONNECTING("Connecting…"),
    TILE_CAMERA_OFF("Camera off"),
    KEY_WAITING("Encrypted · waiting for a key"),
    KEY_IN_USE("Encrypted · key {0}"),
    KEY_IN_USE_FAILURES("Encrypted · key {0} · {1} failed"),
    KEY_CANNOT_DECRYPT("Cannot decrypt · {0} frames"),
    KEY_ELEMENT_CALL("{0} · Element Call compatible"),
    QUALITY_GOOD("Connection good"),
    QUALITY_FAIR("Connection fair"),
    QUALITY_POOR("Connection poor"),
    QUALITY_HINT("{0} (packet loss and jitter)"),

    // People and the call security code.
    PARTICIPANTS("Participants"),
    NO_KEY_YET("no key yet"),
    KEY_NUMBER("key {0}"),
    SECURITY_CODE("Call security code: {0}"),
    SECURITY_CODE_NONE("No call security code"),
    SECURITY_CODE_HINT("Call security code: compare it with the others. The same code on every screen means everyone's"
            + " keys go to the same devices; a different one means someone is shown a device the others are not."),

    // Why the widget or its media cannot work.
    NOT_IN_A_CLIENT("Conclave runs inside a Matrix client. Open it from a room in Element."),
    BAD_PARENT_URL("The parentUrl parameter is not an http(s) URL."),
    MISSING_IDS("The widget URL lacks userId, deviceId or roomId."),
    DEVICE_CAMERA("camera"),
    DEVICE_MICROPHONE("microphone"),
    DEVICE_BOTH("camera and microphone"),
    MEDIA_DENIED("Access to your {0} was denied. Allow it in the browser to be seen and heard."),
    MEDIA_NOT_FOUND("No {0} was found."),
    MEDIA_IN_USE("Your {0} is in use by another application or could not start."),
    MEDIA_UNSUPPORTED("This browser cannot capture a {0} here."),
    MEDIA_FAILED("Your {0} could not start ({1})."),
    FRAME_WORKER_FAILED("End-to-end encryption could not start in this browser, so no call can be held here."
            + " Reload to try again."),
    SCREEN_SHARE_FAILED("Screen sharing could not start ({0})."),
    SFU_UNREACHABLE_RETRYING("The media server cannot be reached; trying again."),
    SFU_AT_UNREACHABLE_RETRYING("The media server at {0} cannot be reached; trying again."),
    SFU_REFUSED("The media server refused this device: {0}"),
    SFU_AT_REFUSED("The media server at {0} refused this device: {1}"),
    SFU_NO_TOKEN_RETRYING("The media server cannot be reached ({0}); trying again."),
    SFU_AT_NO_TOKEN_RETRYING("The media server at {0} cannot be reached ({1}); trying again."),
    SFU_RECONNECTING("Reconnecting to the media server…"),
    SFU_AT_RECONNECTING("Reconnecting to the media server at {0}…");

    private final String english;

    Msg(String english) {
        this.english = english;
    }

    /** The English text. */
    public String english() {
        return english;
    }

    /** The key in the language files: the name in lower case. */
    public String key() {
        return org.conclave.client.util.Ascii.toLowerCase(name());
    }
}

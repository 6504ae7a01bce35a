package org.conclave.client.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conclave.client.call.CallState;
import org.conclave.client.call.ConnectionQuality;
import org.conclave.client.call.Layout;
import org.conclave.client.call.Reactions;
import org.conclave.client.call.Tile;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.Numbers;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The call's tiles: video or a placeholder, name, microphone state, connection quality, the
 * encryption badge and a pin button; laid out as {@link Layout} says (a grid in pages, or the
 * spotlight: one tile large, the others in a strip), with the pager under the grid. Tile elements
 * live across renders and are never moved (a video element taken out of the document pauses): the
 * layout hides them and orders them with CSS. Which of the others' tiles are on screen goes to
 * {@link CallView.Actions#tilesShown}, so that an SFU forwards video for those only.
 */
final class TileGrid {
    /** Tiles per grid page: three rows of three, or on a phone's width three rows of two. */
    static final int PAGE = 9;
    static final int NARROW_PAGE = 6;
    static final int NARROW_WIDTH = 520;

    private final Dom dom;
    private final CallState state;
    private final CallView.Streams streams;
    private final HTMLElement grid;
    private final HTMLElement pager;
    private final HTMLElement previous;
    private final HTMLElement pageLabel;
    private final HTMLElement next;
    private Layout.Arrangement arrangement;
    private int gridWidth;
    private final JSObject shownWatcher;
    private final Map<String, TileView> views = new HashMap<>();
    private final Set<String> severalDevices = new HashSet<>();
    private double joinedAt = -1;
    private String lastShown;

    /** One tile's elements. */
    private static final class TileView {
        final HTMLElement element;
        final HTMLElement video;
        final HTMLElement name;
        final HTMLElement mic;
        final HTMLElement quality;
        final HTMLElement badge;
        final HTMLElement placeholder;
        HTMLElement pin;
        HTMLElement avatar;
        HTMLElement hand;
        HTMLElement reaction;

        TileView(HTMLElement element, HTMLElement video, HTMLElement name, HTMLElement mic, HTMLElement quality,
                HTMLElement badge, HTMLElement placeholder) {
            this.element = element;
            this.video = video;
            this.name = name;
            this.mic = mic;
            this.quality = quality;
            this.badge = badge;
            this.placeholder = placeholder;
        }
    }

    TileGrid(Dom dom, CallState state, CallView.Streams streams) {
        this.dom = dom;
        this.state = state;
        this.streams = streams;
        grid = dom.el("div", "grid", "grid");
        shownWatcher = Browser.watchShown(grid, this::shown);
        pager = dom.el("nav", "pager", "pager");
        pager.setAttribute("hidden", "");
        previous = dom.button(pager, "control", "page-previous", a -> turnPage(-1));
        pageLabel = dom.el("span", "page-label", "page-label");
        pageLabel.setAttribute("aria-live", "polite");
        pager.appendChild(pageLabel);
        next = dom.button(pager, "control", "page-next", a -> turnPage(1));
    }

    HTMLElement element() {
        return grid;
    }

    HTMLElement pager() {
        return pager;
    }

    /** The layout of the last render. */
    Layout.Mode mode() {
        return arrangement == null ? Layout.Mode.GRID : arrangement.mode();
    }

    private void turnPage(int by) {
        if (arrangement != null) {
            state.layout().showPage(arrangement.page() + by);
            state.layoutChanged();
        }
    }

    /** Join was pressed now: tiles made from here on record when their first frame was decoded. */
    void joinPressed() {
        joinedAt = Browser.performanceNow();
    }

    void render(CallState state) {
        Messages m = state.messages();
        // Users in the call on more than one device: their tiles also name the device.
        Set<String> seen = new HashSet<>();
        severalDevices.clear();
        for (CallState.Row row : state.participants()) {
            if (!seen.add(row.userId())) {
                severalDevices.add(row.userId());
            }
        }
        List<String> present = new ArrayList<>();
        for (Tile tile : state.tiles()) {
            present.add(tile.id());
            TileView view = views.get(tile.id());
            boolean created = view == null;
            if (created) {
                view = newTile(tile);
                views.put(tile.id(), view);
                grid.appendChild(view.element);
            }
            renderTile(state, m, tile, view);
            if (created) {
                Browser.watch(shownWatcher, view.element);
            }
        }
        for (String id : new ArrayList<>(views.keySet())) {
            if (!present.contains(id)) {
                TileView gone = views.remove(id);
                Browser.showStream(gone.video, null, true);
                Browser.unwatch(shownWatcher, gone.element);
                grid.removeChild(gone.element);
            }
        }
        Dom.set(grid, "data-count", String.valueOf(state.tiles().size()));
        arrange(state, m);
    }

    private void arrange(CallState state, Messages m) {
        // The grid's width from the on-screen watcher (which sees resizes), not read here: reading
        // layout during a render would force the browser to lay out on every frame of a join.
        arrangement = state.layout().arrange(state.tiles(), gridWidth > 0 && gridWidth < NARROW_WIDTH ? NARROW_PAGE : PAGE);
        List<String> shown = arrangement.shown();
        for (Map.Entry<String, TileView> e : views.entrySet()) {
            int at = shown.indexOf(e.getKey());
            HTMLElement element = e.getValue().element;
            Dom.flag(element, "hidden", at < 0);
            // The order on screen by CSS: moving the element would pause its video.
            String order = String.valueOf(Math.max(at, 0));
            if (!order.equals(element.getStyle().getPropertyValue("order"))) {
                element.getStyle().setProperty("order", order);
            }
            boolean large = e.getKey().equals(arrangement.large());
            Dom.set(element, "data-large", String.valueOf(large));
            boolean pinned = e.getKey().equals(state.layout().pinned());
            Dom.set(e.getValue().pin, "aria-pressed", String.valueOf(pinned));
            String name = e.getValue().name.getTextContent();
            Dom.labelled(e.getValue().pin, Icons.PIN, m.get(pinned ? Msg.UNPIN : Msg.PIN, name));
        }
        String layout = arrangement.mode() == Layout.Mode.SPOTLIGHT ? "spotlight" : "grid";
        if (!layout.equals(grid.getAttribute("data-layout")) || !String.valueOf(arrangement.page() + 1)
                .equals(grid.getAttribute("data-page"))) {
            grid.setScrollTop(0); // a new layout or page starts at its top
        }
        Dom.set(grid, "data-layout", layout);
        Dom.set(grid, "data-page", String.valueOf(arrangement.page() + 1));
        Dom.set(grid, "data-pages", String.valueOf(arrangement.pages()));
        Dom.flag(pager, "hidden", arrangement.pages() < 2);
        Dom.setText(pageLabel, m.get(Msg.PAGE_OF, String.valueOf(arrangement.page() + 1), String.valueOf(arrangement.pages())));
        Dom.labelled(previous, Icons.PREVIOUS, m.get(Msg.PAGE_PREVIOUS));
        Dom.labelled(next, Icons.NEXT, m.get(Msg.PAGE_NEXT));
        Dom.flag(previous, "disabled", arrangement.page() == 0);
        Dom.flag(next, "disabled", arrangement.page() >= arrangement.pages() - 1);
    }

    /** The other participants' tiles on screen changed (or their size). */
    private void shown(String tileIds, int width, int height, int gridWidth) {
        if (gridWidth != this.gridWidth) {
            this.gridWidth = gridWidth;
            state.layoutChanged(); // a phone's page size, or back
        }
        String key = tileIds + " " + width + "x" + height;
        CallView.Actions actions = dom.actions();
        if (key.equals(lastShown) || actions == null) {
            return;
        }
        lastShown = key;
        Set<String> ids = new HashSet<>();
        // Not String.split: in TeaVM it brings java.util.regex, a third of the widget's size.
        int from = 0;
        while (from <= tileIds.length()) {
            int end = tileIds.indexOf('\n', from);
            if (end < 0) {
                end = tileIds.length();
            }
            if (end > from) {
                ids.add(tileIds.substring(from, end));
            }
            from = end + 1;
        }
        grid.setAttribute("data-shown", String.valueOf(ids.size()));
        actions.tilesShown(ids, width, height);
    }

    private TileView newTile(Tile tile) {
        HTMLElement element = dom.el("figure", "tile", "tile");
        HTMLElement v = dom.video(null);
        if (!tile.self() && joinedAt >= 0) {
            // For the join-to-first-frame benchmark: when this tile's first frame was decoded.
            double since = joinedAt;
            Browser.onFirstFrame(v, () -> element.setAttribute("data-first-frame-ms",
                    String.valueOf(Math.round(Browser.performanceNow() - since))));
        }
        element.appendChild(v);
        HTMLElement placeholder = dom.el("div", "tile-placeholder", null);
        element.appendChild(placeholder);
        HTMLElement caption = dom.el("figcaption", "tile-caption", null);
        HTMLElement mic = dom.el("span", "tile-mic", "tile-mic");
        caption.appendChild(mic);
        HTMLElement name = dom.el("span", "tile-name", "tile-name");
        caption.appendChild(name);
        HTMLElement quality = dom.el("span", "tile-quality", "tile-quality");
        caption.appendChild(quality);
        HTMLElement badge = dom.el("span", "tile-e2ee", "tile-e2ee");
        caption.appendChild(badge);
        element.appendChild(caption);
        TileView made = new TileView(element, v, name, mic, quality, badge, placeholder);
        made.avatar = dom.el("img", "tile-avatar", "tile-avatar");
        made.avatar.setAttribute("alt", "");
        made.avatar.setAttribute("hidden", "");
        element.insertBefore(made.avatar, placeholder);
        made.hand = dom.el("span", "tile-hand", "tile-hand");
        caption.insertBefore(made.hand, caption.getFirstChild());
        made.reaction = dom.el("span", "tile-reaction", "tile-reaction");
        made.reaction.setAttribute("role", "status");
        element.appendChild(made.reaction);
        String id = tile.id();
        made.pin = dom.button(element, "tile-pin", "tile-pin", a -> {
            state.layout().pin(id.equals(state.layout().pinned()) ? null : id);
            state.layoutChanged();
        });
        return made;
    }

    private void renderTile(CallState state, Messages m, Tile tile, TileView view) {
        HTMLElement e = view.element;
        Dom.set(e, "data-tile-id", tile.id());
        Dom.set(e, "data-user", tile.userId());
        Dom.set(e, "data-device", tile.deviceId());
        Dom.set(e, "data-self", String.valueOf(tile.self()));
        Dom.set(e, "data-screenshare", String.valueOf(tile.screenshare()));
        Dom.set(e, "data-connection", tile.connection());
        Dom.set(e, "data-key-index", String.valueOf(tile.keyIndex()));
        Dom.set(e, "data-failures", String.valueOf(tile.failures()));
        Dom.set(e, "data-audio-muted", String.valueOf(tile.audioMuted()));
        Dom.set(e, "data-video-muted", String.valueOf(tile.videoMuted()));
        Dom.set(e, "data-speaking", String.valueOf(tile.speaking()));
        Dom.set(e, "data-video-packets", String.valueOf(tile.stats().videoPackets()));
        Dom.set(e, "data-frames-received", String.valueOf(tile.stats().framesReceived()));
        Dom.set(e, "data-frames-decoded", String.valueOf(tile.stats().framesDecoded()));
        Dom.set(e, "data-audio-packets", String.valueOf(tile.stats().audioPackets()));
        Dom.set(e, "data-audio-energy", Numbers.format(tile.stats().audioEnergy()));
        Dom.set(e, "class", "tile" + (tile.speaking() ? " speaking" : "") + (tile.screenshare() ? " screenshare" : "")
                + (tile.self() ? " self" : ""));
        renderQuality(m, tile, view.quality);
        String person = state.names().of(tile.userId());
        String name = person
                + (severalDevices.contains(tile.userId()) ? " · " + tile.deviceId() : "");
        if (tile.self()) {
            name = m.get(Msg.TILE_YOU, name);
        }
        if (tile.screenshare()) {
            name = m.get(Msg.TILE_SCREEN, name);
        }
        Dom.setText(view.name, name);
        Dom.set(e, "data-hand-raised", String.valueOf(tile.handRaised()));
        Dom.setText(view.hand, tile.handRaised() ? Reactions.HAND : "");
        Dom.set(view.hand, "aria-label", tile.handRaised() ? m.get(Msg.HAND_RAISED, person) : "");
        Dom.set(view.hand, "title", tile.handRaised() ? m.get(Msg.HAND_RAISED, person) : "");
        String reacted = tile.reaction() == null ? "" : tile.reaction();
        Dom.set(e, "data-reaction", reacted);
        Dom.setText(view.reaction, reacted);
        Dom.set(view.reaction, "aria-label", reacted.isEmpty() ? "" : m.get(Msg.REACTED, person, reacted));
        Dom.set(view.name, "title", tile.userId() + " · " + tile.deviceId());
        Dom.setText(view.mic, m.get(tile.screenshare() ? Msg.TILE_SCREEN_BADGE : tile.audioMuted() ? Msg.TILE_MUTED
                : Msg.TILE_MIC_ON));
        Dom.set(view.mic, "data-muted", String.valueOf(tile.audioMuted() && !tile.screenshare()));
        Dom.set(view.mic, "aria-label", m.get(tile.audioMuted() ? Msg.MICROPHONE_OFF : Msg.MICROPHONE_ON));
        String badge = badge(m, tile);
        Dom.setText(view.badge, tile.liveKitFormat() ? m.get(Msg.KEY_ELEMENT_CALL, badge) : badge);
        Dom.set(view.badge, "data-format", tile.liveKitFormat() ? "livekit" : "sframe");
        Dom.set(view.badge, "data-state", tile.failures() > 0 && !decrypting(tile) ? "failing"
                : tile.keyIndex() >= 0 ? "ok" : "waiting");
        JSObject stream = tile.self()
                ? (tile.screenshare() ? streams.localScreen() : streams.local())
                : tile.streamId() == null ? null : streams.remote(tile.participant(), tile.streamId());
        boolean showVideo = stream != null && !tile.videoMuted();
        Browser.showStream(view.video, stream, tile.self() || tile.screenshare());
        Dom.set(e, "data-has-video", String.valueOf(showVideo));
        Dom.setText(view.placeholder, showVideo ? "" : placeholder(m, tile));
        // Without video, the person's picture (when the host let us download it) above the placeholder's words.
        String picture = showVideo || tile.screenshare() ? null : state.avatarPicture(state.names().avatar(tile.userId()));
        if (picture != null) {
            Dom.set(view.avatar, "src", picture);
        }
        Dom.flag(view.avatar, "hidden", picture == null);
    }

    private static void renderQuality(Messages m, Tile tile, HTMLElement quality) {
        String q = tile.quality();
        boolean measured = !tile.self() && !ConnectionQuality.UNKNOWN.equals(q);
        Dom.set(quality, "data-quality", tile.self() ? "self" : q);
        int bars = ConnectionQuality.GOOD.equals(q) ? 3 : ConnectionQuality.FAIR.equals(q) ? 2 : 1;
        Dom.setText(quality, measured ? "▂▄▆".substring(0, bars) : "");
        String label = !measured ? "" : m.get(ConnectionQuality.GOOD.equals(q) ? Msg.QUALITY_GOOD
                : ConnectionQuality.FAIR.equals(q) ? Msg.QUALITY_FAIR : Msg.QUALITY_POOR);
        Dom.set(quality, "aria-label", label);
        Dom.set(quality, "title", measured ? m.get(Msg.QUALITY_HINT, label) : "");
    }

    private static boolean decrypting(Tile tile) {
        return tile.keyIndex() >= 0 && tile.stats().framesDecoded() > 0;
    }

    /** The encryption badge: which key decrypts the tile, or that frames fail (text, no emoji fonts needed). */
    private static String badge(Messages m, Tile tile) {
        String key = String.valueOf(tile.keyIndex());
        if (tile.self()) {
            return tile.keyIndex() < 0 ? m.get(Msg.KEY_WAITING) : m.get(Msg.KEY_IN_USE, key);
        }
        if (tile.keyIndex() < 0) {
            return tile.failures() > 0 ? m.get(Msg.KEY_CANNOT_DECRYPT, String.valueOf(tile.failures())) : m.get(Msg.KEY_WAITING);
        }
        return tile.failures() > 0 ? m.get(Msg.KEY_IN_USE_FAILURES, key, String.valueOf(tile.failures()))
                : m.get(Msg.KEY_IN_USE, key);
    }

    private static String placeholder(Messages m, Tile tile) {
        if (!tile.self() && ("failed".equals(tile.connection()) || "disconnected".equals(tile.connection()))) {
            return m.get(Msg.TILE_CONNECTION_LOST);
        }
        if (!tile.self() && !"connected".equals(tile.connection())) {
            return m.get(Msg.TILE_CONNECTING);
        }
        return tile.videoMuted() ? m.get(Msg.TILE_CAMERA_OFF) : "";
    }
}

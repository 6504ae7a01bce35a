package org.conclave.client.call;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the call's tiles are laid out, and what the person looking chose: a grid (in pages when
 * more tiles than fit) or a spotlight (one tile large, the others in a strip). Unless chosen, the
 * layout follows the call: a remote screen share turns on the spotlight and takes the large tile.
 * In the spotlight the large tile is the pinned one, else the newest remote screen share, else
 * the one who spoke last (it stays while nobody else speaks), else the first other participant.
 * Pure data: the view renders {@link #arrange}'s answer.
 */
public final class Layout {
    /** The two layouts. */
    public enum Mode { GRID, SPOTLIGHT }

    private Mode chosen;
    private String pinned;
    private String lastSpeaker;
    private int page;

    /** What the screen shows now. */
    public static final class Arrangement {
        private final Mode mode;
        private final String large;
        private final List<String> shown;
        private final int page;
        private final int pages;

        Arrangement(Mode mode, String large, List<String> shown, int page, int pages) {
            this.mode = mode;
            this.large = large;
            this.shown = Collections.unmodifiableList(shown);
            this.page = page;
            this.pages = pages;
        }

        public Mode mode() {
            return mode;
        }

        /** The large tile's id in the spotlight, else null. */
        public String large() {
            return large;
        }

        /** The ids of the tiles on screen, in the order shown (the large one first). */
        public List<String> shown() {
            return shown;
        }

        /** The page shown, from 0. */
        public int page() {
            return page;
        }

        /** How many pages the grid has (1 in the spotlight). */
        public int pages() {
            return pages;
        }
    }

    /** Chooses {@code mode}; the grid also unpins. */
    public void choose(Mode mode) {
        chosen = mode;
        if (mode == Mode.GRID) {
            pinned = null;
        }
    }

    /** Pins tile {@code tileId} large (the spotlight), or unpins with null. */
    public void pin(String tileId) {
        pinned = tileId;
    }

    public String pinned() {
        return pinned;
    }

    /** Shows grid page {@code index} (kept within the pages there are). */
    public void showPage(int index) {
        page = Math.max(0, index);
    }

    /**
     * Lays {@code tiles} out with at most {@code pageSize} tiles on a grid page. Notes who speaks
     * (for the spotlight) and forgets a pinned tile that has gone.
     */
    public Arrangement arrange(List<Tile> tiles, int pageSize) {
        String firstOther = null;
        String share = null;
        boolean pinnedHere = false;
        boolean speakerHere = false;
        String speaking = null;
        for (Tile t : tiles) {
            pinnedHere |= t.id().equals(pinned);
            speakerHere |= t.id().equals(lastSpeaker);
            if (t.self()) {
                continue;
            }
            if (t.screenshare()) {
                share = t.id(); // the newest: shares come last, in the order they started
            } else {
                if (firstOther == null) {
                    firstOther = t.id();
                }
                if (t.speaking() && speaking == null) {
                    speaking = t.id();
                }
            }
        }
        if (!pinnedHere) {
            pinned = null;
        }
        if (speaking != null) {
            lastSpeaker = speaking;
        } else if (!speakerHere) {
            lastSpeaker = null;
        }
        Mode mode = pinned != null ? Mode.SPOTLIGHT : chosen != null ? chosen : share != null ? Mode.SPOTLIGHT : Mode.GRID;
        List<String> shown = new ArrayList<>();
        if (mode == Mode.SPOTLIGHT && !tiles.isEmpty()) {
            String large = pinned != null ? pinned : share != null ? share : lastSpeaker != null ? lastSpeaker
                    : firstOther != null ? firstOther : tiles.get(0).id();
            shown.add(large);
            for (Tile t : tiles) {
                if (!t.id().equals(large)) {
                    shown.add(t.id());
                }
            }
            return new Arrangement(mode, large, shown, 0, 1);
        }
        int size = Math.max(1, pageSize);
        int pages = Math.max(1, (tiles.size() + size - 1) / size);
        page = Math.min(page, pages - 1);
        for (int i = page * size; i < Math.min(tiles.size(), (page + 1) * size); i++) {
            shown.add(tiles.get(i).id());
        }
        return new Arrangement(Mode.GRID, null, shown, page, pages);
    }
}

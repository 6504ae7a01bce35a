package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
    private static Tile tile(String id, boolean self, boolean share, boolean speaking) {
        return new Tile(id, id, "@" + id + ":x", "D", self, share, "s", false, false, speaking, "connected", 0, 0,
                ReceiveStats.NONE);
    }

    private static List<Tile> call(int others) {
        List<Tile> tiles = new ArrayList<>();
        tiles.add(tile("me", true, false, false));
        for (int i = 1; i <= others; i++) {
            tiles.add(tile("p" + i, false, false, false));
        }
        return tiles;
    }

    @Test
    void aGridInPagesUnlessSomethingAsksForTheSpotlight() {
        Layout layout = new Layout();
        Layout.Arrangement a = layout.arrange(call(10), 9);
        assertThat(a.mode()).isEqualTo(Layout.Mode.GRID);
        assertThat(a.large()).isNull();
        assertThat(a.pages()).isEqualTo(2);
        assertThat(a.shown()).hasSize(9).startsWith("me", "p1");
        layout.showPage(1);
        assertThat(layout.arrange(call(10), 9).shown()).containsExactly("p9", "p10");
        // Fewer people: the page shown is the last there is.
        Layout.Arrangement fewer = layout.arrange(call(4), 9);
        assertThat(fewer.page()).isZero();
        assertThat(fewer.pages()).isEqualTo(1);
        assertThat(fewer.shown()).containsExactly("me", "p1", "p2", "p3", "p4");
        layout.showPage(-3);
        assertThat(layout.arrange(call(10), 6).page()).isZero();
    }

    @Test
    void theSpotlightShowsWhoSpokeLastUntilSomeoneElseSpeaks() {
        Layout layout = new Layout();
        layout.choose(Layout.Mode.SPOTLIGHT);
        assertThat(layout.arrange(call(3), 9).large()).as("nobody spoke: the first other").isEqualTo("p1");
        List<Tile> speaking = call(3);
        speaking.set(2, tile("p2", false, false, true));
        Layout.Arrangement a = layout.arrange(speaking, 9);
        assertThat(a.large()).isEqualTo("p2");
        assertThat(a.shown()).containsExactly("p2", "me", "p1", "p3");
        assertThat(a.pages()).isEqualTo(1);
        assertThat(layout.arrange(call(3), 9).large()).as("silence keeps the last speaker").isEqualTo("p2");
        assertThat(layout.arrange(List.of(tile("me", true, false, false), tile("p1", false, false, false)), 9).large())
                .as("the last speaker left").isEqualTo("p1");
        assertThat(layout.arrange(List.of(tile("me", true, false, true)), 9).large()).as("alone: oneself").isEqualTo("me");
        layout.choose(Layout.Mode.GRID);
        assertThat(layout.arrange(speaking, 9).mode()).isEqualTo(Layout.Mode.GRID);
    }

    @Test
    void aRemoteScreenShareTakesTheSpotlightUnlessTheGridWasChosen() {
        Layout layout = new Layout();
        List<Tile> tiles = call(2);
        tiles.add(tile("p1#screen", false, true, false));
        Layout.Arrangement a = layout.arrange(tiles, 9);
        assertThat(a.mode()).isEqualTo(Layout.Mode.SPOTLIGHT);
        assertThat(a.large()).isEqualTo("p1#screen");
        // One's own share is not shown large by itself.
        List<Tile> own = call(2);
        own.add(tile("me#screen", true, true, false));
        assertThat(layout.arrange(own, 9).mode()).isEqualTo(Layout.Mode.GRID);
        layout.choose(Layout.Mode.GRID);
        assertThat(layout.arrange(tiles, 9).mode()).isEqualTo(Layout.Mode.GRID);
    }

    @Test
    void aPinnedTileIsLargeUntilUnpinnedOrGone() {
        Layout layout = new Layout();
        List<Tile> tiles = call(3);
        tiles.add(tile("p1#screen", false, true, false));
        layout.pin("p3");
        Layout.Arrangement a = layout.arrange(tiles, 9);
        assertThat(a.mode()).isEqualTo(Layout.Mode.SPOTLIGHT);
        assertThat(a.large()).as("the pin wins over a screen share").isEqualTo("p3");
        assertThat(layout.arrange(call(2), 9).mode()).as("p3 left: back to what the call asks for").isEqualTo(Layout.Mode.GRID);
        assertThat(layout.pinned()).isNull();
        layout.pin("p2");
        layout.choose(Layout.Mode.GRID);
        assertThat(layout.pinned()).as("the grid unpins").isNull();
        assertThat(layout.arrange(call(3), 9).mode()).isEqualTo(Layout.Mode.GRID);
        assertThat(layout.arrange(List.of(), 9).shown()).isEmpty();
    }
}

package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A room of 20,000 members: matrix-widget-api's first update_state carries every member event
 * (several MB). The widget takes it whole, stays responsive, and two people hold a call there.
 * Prints the size of that message and how long the widget took over it.
 */
class BigRoomJourneyTest extends JourneyBase {
    private static final int MEMBERS = 20_000;
    private static final Pattern HANDLED = Pattern.compile(
            "postMessage: update_state of (\\d+) K characters took (\\d+) ms \\((\\d+) ms parsing\\)");

    @Test
    void twoPeopleHoldACallInARoomOfTwentyThousand(TestInfo test) throws Exception {
        String room = roomFor(test);
        HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/demo/api/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8)
                        + "/members?count=" + MEMBERS)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(204);

        long opened = System.nanoTime();
        Participant alice = join("alice", room, "roomName=Big");
        alice.awaitReady();
        double readyMs = (System.nanoTime() - opened) / 1e6;
        alice.byTestId("join-button").click();
        Participant bob = inCall("bob", room);
        MeshCallJourneyTest.decodes(alice, "bob");
        MeshCallJourneyTest.decodes(bob, "alice");

        for (Participant p : List.of(alice, bob)) {
            Matcher m = p.console.stream().map(HANDLED::matcher).filter(Matcher::find).findFirst().orElse(null);
            assertThat(m).as(p.user + "'s widget timed the room's state").isNotNull();
            int kiloChars = Integer.parseInt(m.group(1));
            System.out.printf("big room: %,d members; %s's first update_state of %,d K characters took %s ms"
                    + " (%s ms parsing)%s%n", MEMBERS, p.user, kiloChars, m.group(2), m.group(3),
                    p == alice ? String.format("; page to lobby ready %.0f ms", readyMs) : "");
            assertThat(kiloChars).as("the whole state, over the old 1 MiB limit").isGreaterThan(4_000);
            assertThat(Integer.parseInt(m.group(2))).as("no freeze").isLessThan(3_000);
        }
        assertThat(alice.widget().locator("[data-testid=tile]").count()).as("20,000 members, two in the call").isEqualTo(2);
    }
}

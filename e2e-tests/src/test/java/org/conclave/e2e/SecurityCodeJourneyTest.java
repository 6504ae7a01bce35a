package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.microsoft.playwright.Locator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The call security code: everyone who sees the same devices in the call shows the same code, a
 * member shown a device the others are not shows another, and every join and leave changes it.
 */
class SecurityCodeJourneyTest extends JourneyBase {
    static Locator code(Participant p) {
        return p.byTestId("security-code");
    }

    static String words(Participant p) {
        return code(p).getAttribute("data-code");
    }

    /** Whether every one of {@code people} shows the same, non-empty code; it is returned. */
    static String sameCode(List<Participant> people) throws InterruptedException {
        Assertions.assertThat(within(10, () -> {
            String one = words(people.get(0));
            return one != null && !one.isEmpty() && people.stream().allMatch(p -> one.equals(words(p)));
        })).as("the same code on every screen: " + people.stream().map(p -> p.user + "=" + words(p)).toList()).isTrue();
        return words(people.get(0));
    }

    @Test
    void everyoneShowsTheSameCodeAndAJoinOrLeaveMakesANewOne(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        String two = sameCode(List.of(alice, bob));
        Participant carol = inCall("carol", room);
        String three = sameCode(List.of(alice, bob, carol));
        Assertions.assertThat(three).as("Carol's join changes the code").isNotEqualTo(two);
        Assertions.assertThat(three.split(", ")).hasSize(5);
        assertThat(code(alice)).hasAttribute("aria-label", "Call security code: " + three);
        Assertions.assertThat(code(alice).textContent().split(" ")).hasSize(5);
        System.out.println("journey: three participants' security code: " + code(alice).textContent() + " (" + three + ")");

        carol.byTestId("leave-button").click();
        String after = sameCode(List.of(alice, bob));
        Assertions.assertThat(after).as("Carol's leave changes it again").isNotEqualTo(three)
                .as("and not back to the first: the same two devices, after a newer membership event").isNotEqualTo(two);
    }

    @Test
    void aMemberShownADeviceTheOthersDoNotSeeShowsAnotherCode(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        String honest = sameCode(List.of(alice, bob, carol));
        // The homeserver shows Alice alone a device of Mallory's in the call: Alice's keys go to it.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/demo/api/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8)
                + "/phantom?viewer=" + URLEncoder.encode(userId("alice"), StandardCharsets.UTF_8) + "&user="
                + URLEncoder.encode(userId("mallory"), StandardCharsets.UTF_8) + "&device=HIDDEN"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Assertions.assertThat(r.statusCode()).isEqualTo(204);
        Assertions.assertThat(within(10, () -> !honest.equals(words(alice)))).as("Alice's code changes").isTrue();
        Assertions.assertThat(sameCode(List.of(bob, carol))).as("Bob and Carol see no change").isEqualTo(honest);
        Assertions.assertThat(words(alice)).isNotEqualTo(words(bob));
        System.out.println("journey: shown a hidden device, Alice's code " + words(alice) + " against the others' " + honest);
    }
}

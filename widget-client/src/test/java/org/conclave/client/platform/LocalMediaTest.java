package org.conclave.client.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the lobby says when the camera or microphone cannot start (the browser's error names). */
class LocalMediaTest {
    @Test
    void deniedNotFoundInUseAndUnsupportedEachGetAClearMessage() {
        assertThat(LocalMedia.describe("NotAllowedError", true, true))
                .isEqualTo("Access to your camera and microphone was denied. Allow it in the browser to be seen and heard.");
        assertThat(LocalMedia.describe("NotFoundError", true, false)).isEqualTo("No microphone was found.");
        assertThat(LocalMedia.describe("NotReadableError", false, true))
                .isEqualTo("Your camera is in use by another application or could not start.");
        assertThat(LocalMedia.describe("NotSupportedError", true, true)).contains("cannot capture");
        assertThat(LocalMedia.describe("WeirdError", false, true)).isEqualTo("Your camera could not start (WeirdError).");
        assertThat(LocalMedia.describe(null, true, true)).contains("could not start");
    }
}

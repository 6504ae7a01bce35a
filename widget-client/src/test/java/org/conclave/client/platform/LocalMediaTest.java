package org.conclave.client.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the lobby says when the camera or microphone cannot start (the browser's error names). */
class LocalMediaTest {
    @Test
    void deniedNotFoundInUseAndUnsupportedEachGetAClearMessage() {
        assertThat(LocalMedia.describe("NotAllowedError", true, true).english())
                .isEqualTo("Access to your camera and microphone was denied. Allow it in the browser to be seen and heard.");
        assertThat(LocalMedia.describe("NotFoundError", true, false).english()).isEqualTo("No microphone was found.");
        assertThat(LocalMedia.describe("NotReadableError", false, true).english())
                .isEqualTo("Your camera is in use by another application or could not start.");
        assertThat(LocalMedia.describe("NotSupportedError", true, true).english()).contains("cannot capture");
        assertThat(LocalMedia.describe("WeirdError", false, true).english()).isEqualTo("Your camera could not start (WeirdError).");
        assertThat(LocalMedia.describe(null, true, true).english()).contains("could not start");
    }
}

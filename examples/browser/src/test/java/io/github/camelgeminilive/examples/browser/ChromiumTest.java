package io.github.camelgeminilive.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test's browser launcher reports why a browser did not open, even when cleaning up after it fails too. */
class ChromiumTest {

    @Test
    void aBrowserThatEndsAtOnceFailsWithWhyAndKeepsTheCleanupFailureAsSuppressed(@TempDir Path dir) throws Exception {
        // a "browser" that removes its profile and exits: opening fails, and so does the close that deletes the profile
        Path binary = dir.resolve("fake-chromium");
        Files.writeString(binary, "#!/bin/sh\nfor a in \"$@\"; do\n  case \"$a\" in --user-data-dir=*) rm -rf"
                + " \"${a#--user-data-dir=}\";; esac\ndone\nexit 3\n");
        assertThat(binary.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> Chromium.open(binary, URI.create("http://127.0.0.1:9/"), dir.resolve("mic.wav")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Chromium ended with 3")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(NoSuchFileException.class));
    }
}

package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;

import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;

/** Handles in a Camel FileStateRepository survive a restart (a new repository on the same file). */
class StateRepositoryHandleStoreTest {

    @TempDir
    Path dir;

    private FileStateRepository started(File file) throws Exception {
        FileStateRepository repo = FileStateRepository.fileStateRepository(file);
        repo.start();
        return repo;
    }

    @Test
    void aHandleSurvivesANewRepositoryOnTheSameFileAndRemovalToo() throws Exception {
        File file = dir.resolve("handles.dat").toFile();
        Instant issued = Instant.parse("2026-11-25T19:30:00.123Z");
        // handles are opaque: padding and separators must round-trip
        StoredHandle handle = new StoredHandle("Cg9h=b c/d+e==", issued);
        FileStateRepository first = started(file);
        new StateRepositoryHandleStore(first).save("call-1", handle);
        new StateRepositoryHandleStore(first).save("call-2", new StoredHandle("other", issued));
        new StateRepositoryHandleStore(first).remove("call-2");

        StateRepositoryHandleStore reloaded = new StateRepositoryHandleStore(started(file));

        assertThat(reloaded.load("call-1")).contains(handle);
        assertThat(reloaded.load("call-2")).isEmpty();
        assertThat(reloaded.load("never-saved")).isEmpty();
    }

    @Test
    void theInputPositionAHandleCoversRoundTrips() {
        StoredHandle handle = new StoredHandle("Cg9h=b c/d", Instant.parse("2026-11-25T19:30:00Z"), 4711);
        String value = StateRepositoryHandleStore.encode(handle);
        assertThat(value).isEqualTo("2026-11-25T19:30:00Z@4711 Cg9h=b c/d");
        assertThat(StateRepositoryHandleStore.decode(value)).contains(handle);
    }

    @Test
    void unreadableValuesAreNoHandle() {
        assertThat(StateRepositoryHandleStore.decode("")).isEmpty();
        assertThat(StateRepositoryHandleStore.decode("no-space")).isEmpty();
        assertThat(StateRepositoryHandleStore.decode("yesterday handle")).isEmpty();
        assertThat(StateRepositoryHandleStore.decode("2026-11-25T19:30:00Z ")).isEmpty();
        assertThat(StateRepositoryHandleStore.decode("2026-11-25T19:30:00Z h")).contains(
                new StoredHandle("h", Instant.parse("2026-11-25T19:30:00Z")));
        assertThat(StateRepositoryHandleStore.decode("2026-11-25T19:30:00Z@x h")).isEmpty();
    }
}

package io.github.camelgeminilive.examples.filedrop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The name a dropped file's results go under: its own, or {@code NAME-2.wav}, {@code NAME-3.wav}, ... when a file of
 * that name was processed before (its reply, its transcript or the moved input is still there) or is in flight, so
 * that a file dropped again never overwrites the results of the earlier one.
 */
final class OutputNames {

    /** The most files of one name kept side by side. */
    static final int MOST = 10_000;

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * A name for {@code file} that none of the results in its folder has, held until {@link #release(String)}.
     *
     * @throws IOException {@value #MOST} files of that name were processed already
     */
    synchronized String reserve(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        for (int n = 1; n <= MOST; n++) {
            String candidate = n == 1 ? name : stem(name) + "-" + n + name.substring(stem(name).length());
            if (free(dir, candidate) && inFlight.add(stem(candidate))) {
                return candidate;
            }
        }
        throw new IOException(MOST + " files named " + name + " were processed already: move their results away");
    }

    /** The file that reserved {@code name} is done. */
    void release(String name) {
        inFlight.remove(stem(name));
    }

    /** A file's name without its extension: what its reply and transcript are named after. */
    static String stem(String name) {
        return name.lastIndexOf('.') > 0 ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    private static boolean free(Path dir, String name) {
        String stem = stem(name);
        return Stream.of(stem + DropReply.REPLY_SUFFIX, stem + DropReply.TRANSCRIPT_SUFFIX, ".done/" + name,
                ".error/" + name, ".error/" + name + ".reason.txt").noneMatch(p -> Files.exists(dir.resolve(p)));
    }
}

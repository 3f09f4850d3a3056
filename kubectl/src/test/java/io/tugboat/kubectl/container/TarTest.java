package io.tugboat.kubectl.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar writer and reader of tug cp agree, with directories, modes and paths longer than the 100-byte name field. */
class TarTest {
    @Test
    void aDirectoryTreeRoundTripsWithLongPaths(@TempDir Path dir) throws Exception {
        String deep = "x".repeat(90) + "/" + "y".repeat(60);
        Files.createDirectories(dir.resolve(deep));
        Files.writeString(dir.resolve(deep).resolve("file.txt"), "deep");
        Files.writeString(dir.resolve("top.txt"), "top");
        List<Tar.Entry> entries = Tar.read(Tar.of(dir, "copy"));
        assertEquals(java.util.Set.of("copy", "copy/top.txt", "copy/" + "x".repeat(90), "copy/" + deep,
                "copy/" + deep + "/file.txt"), java.util.Set.copyOf(entries.stream().map(Tar.Entry::name).toList()));
        Tar.Entry file = entries.stream().filter(e -> e.name().endsWith("file.txt")).findFirst().orElseThrow();
        assertArrayEquals("deep".getBytes(StandardCharsets.UTF_8), file.content());
        assertEquals(true, entries.stream().filter(e -> e.name().equals("copy")).findFirst().orElseThrow().directory());
    }

    @Test
    void gnuLongNameEntriesAreRead() throws Exception {
        String longName = "d/" + "n".repeat(150) + ".txt";
        byte[] nameBytes = longName.getBytes(StandardCharsets.UTF_8);
        // what GNU/busybox tar write for a long name: an 'L' entry holding it, then the entry itself
        byte[] archive = Tar.write(List.of(new Tar.Entry("././@LongLink", false, 0644, nameBytes),
                new Tar.Entry("short", false, 0644, "content".getBytes(StandardCharsets.UTF_8))));
        archive[156] = 'L';
        // re-checksumming is not needed: the reader does not verify checksums
        List<Tar.Entry> entries = Tar.read(archive);
        assertEquals(List.of(longName), entries.stream().map(Tar.Entry::name).toList());
    }
}

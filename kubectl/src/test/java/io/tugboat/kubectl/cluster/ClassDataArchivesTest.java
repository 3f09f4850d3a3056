package io.tugboat.kubectl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchivesTest {
    @TempDir
    Path target;

    private String classpath() throws Exception {
        Files.writeString(target.resolve("tug.jar"), "jar");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib").resolve("netty.jar"), "netty");
        return target.resolve("tug.jar") + ":" + target.resolve("lib") + "/*";
    }

    @Test
    void writesAtExitThenUsesTheArchiveOnceAGracefulStopCompletedIt() throws Exception {
        ClassDataArchives cds = ClassDataArchives.forClasspath(classpath()).orElseThrow();
        List<String> first = cds.flags("apiserver", true);
        assertEquals(2, first.size());
        assertEquals("-Xlog:cds=off", first.get(1));
        assertTrue(first.get(0).startsWith("-XX:ArchiveClassesAtExit=" + target.resolve("cds") + "/apiserver-"), first.toString());
        assertEquals(List.of(), cds.flags("kubelet", false), "a process that may not write gets no flag");

        String commandLine = "java -Xmx192m " + first.get(0) + " -cp x io.tugboat.kubectl.Tug apiserver";
        Path part = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(part, "archive"); // what the JVM writes when it exits
        ClassDataArchives.complete(commandLine);
        assertFalse(Files.exists(part));
        Path archive = cds.archive("apiserver");
        assertEquals("archive", Files.readString(archive));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"), cds.flags("apiserver", true));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"), cds.flags("apiserver", false));
        assertEquals(java.time.Duration.ofSeconds(60), ClassDataArchives.stopGrace(commandLine, java.time.Duration.ofSeconds(15)));
        assertEquals(java.time.Duration.ofSeconds(15), ClassDataArchives.stopGrace("java -XX:SharedArchiveFile=" + archive,
                java.time.Duration.ofSeconds(15)));
    }

    @Test
    void aKilledProcesssPartFileIsNeverUsed() throws Exception {
        ClassDataArchives cds = ClassDataArchives.forClasspath(classpath()).orElseThrow();
        String flag = cds.flags("scheduler", true).get(0);
        Path part = Path.of(flag.substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(part, "half an archive");
        ClassDataArchives.discard("java " + flag + " -cp x io.tugboat.kubectl.Tug scheduler");
        assertFalse(Files.exists(part));
        assertTrue(cds.flags("scheduler", true).get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aRebuiltJarMeansAnotherArchive() throws Exception {
        String classpath = classpath();
        Path before = ClassDataArchives.forClasspath(classpath).orElseThrow().archive("kubelet");
        Files.setLastModifiedTime(target.resolve("lib").resolve("netty.jar"), FileTime.fromMillis(1_000_000));
        Path after = ClassDataArchives.forClasspath(classpath).orElseThrow().archive("kubelet");
        assertNotEquals(before, after);
    }

    @Test
    void noTugJarNoArchives() {
        assertTrue(ClassDataArchives.forClasspath("/some/classes:/some/lib/x.jar").isEmpty());
        assertTrue(ClassDataArchives.forClasspath("").isEmpty());
    }
}

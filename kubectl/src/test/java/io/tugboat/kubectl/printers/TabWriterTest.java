package io.tugboat.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabWriterTest {
    @Test
    void tablesPadColumnsToTheWidestCellPlusThreeButAtLeastSix() {
        TabWriter writer = TabWriter.forTables();
        writer.row(List.of("NAME", "READY", "AGE"));
        writer.row(List.of("a", "1/1", "5s"));
        assertEquals("NAME   READY   AGE\na      1/1     5s\n", writer.flush());
    }

    @Test
    void rememberedWidthsKeepWatchedRowsInLine() {
        TabWriter writer = TabWriter.forTables();
        writer.row(List.of("NAME", "STATUS", "AGE"));
        writer.row(List.of("a-long-name", "Running", "5s"));
        writer.flush();
        writer.row(List.of("b", "Pending", "1s"));
        assertEquals("b             Pending   1s\n", writer.flush());
    }

    @Test
    void describeAlignsOnlyConsecutiveLinesThatHaveTheColumn() {
        TabWriter writer = TabWriter.forDescribe();
        writer.line("Name:\tweb");
        writer.line("Namespace:\tdefault");
        writer.line("Containers:");
        writer.line("  httpd:\tx");
        assertEquals("Name:       web\nNamespace:  default\nContainers:\n  httpd:  x\n", writer.flush());
    }
}

package io.tugboat.kubectl.printers;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns exactly as Go's {@code text/tabwriter} does (in the fork kubectl uses,
 * which can remember column widths across flushes).
 *
 * <p>A line's cells are its tab-separated parts; the last part is not a cell of any column (it just ends the
 * line). A <em>column block</em> is a run of consecutive lines that all have a cell in that column; each block is
 * as wide as its widest cell plus the padding (but at least the minimum width), and blocks are found column by
 * column, left to right, recursively inside the block to their left. So in
 * <pre>
 *   Name:\tweb              Name:       web
 *   Namespace:\tdefault  →  Namespace:  default
 *   Containers:             Containers:
 *     httpd:\tx               httpd:  x
 * </pre>
 * the first two lines align with each other but not with the fourth. kubectl's {@code get} uses minimum width 6
 * and padding 3 with remembered widths ({@link #forTables()}); {@code describe} minimum 0 and padding 2
 * ({@link #forDescribe()}).
 */
public final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final boolean rememberWidths;
    private final List<List<String>> lines = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private final List<Integer> remembered = new ArrayList<>();

    private TabWriter(int minWidth, int padding, boolean rememberWidths) {
        this.minWidth = minWidth;
        this.padding = padding;
        this.rememberWidths = rememberWidths;
    }

    /** kubectl's table printer: minimum width 6, padding 3, widths remembered across flushes. */
    public TabWriter() {
        this(6, 3, true);
    }

    public static TabWriter forTables() {
        return new TabWriter();
    }

    /** kubectl's describe output: minimum width 0, padding 2. */
    public static TabWriter forDescribe() {
        return new TabWriter(0, 2, false);
    }

    /** Adds one line of cells (the last one ends the line). */
    public void row(List<String> cells) {
        lines.add(List.copyOf(cells));
    }

    /** Adds one line given as text with tabs. */
    public void line(String text) {
        lines.add(List.of(text.split("\t", -1)));
    }

    /** Forgets remembered widths (a new, unrelated table follows). */
    public void reset() {
        remembered.clear();
    }

    /** Prints the lines added since the last flush, aligned, and returns the text. */
    public String flush() {
        StringBuilder out = new StringBuilder();
        format(out, 0, lines.size());
        lines.clear();
        return out.toString();
    }

    private void format(StringBuilder out, int line0, int line1) {
        int column = widths.size();
        for (int current = line0; current < line1; current++) {
            if (column >= lines.get(current).size() - 1) {
                continue;
            }
            print(out, line0, current);
            line0 = current;
            int width = minWidth;
            for (; current < line1; current++) {
                List<String> line = lines.get(current);
                if (column >= line.size() - 1) {
                    break;
                }
                width = Math.max(width, line.get(column).length() + padding);
            }
            if (rememberWidths) {
                if (column < remembered.size()) {
                    width = Math.max(width, remembered.get(column));
                    remembered.set(column, width);
                } else {
                    remembered.add(width);
                }
            }
            widths.add(width);
            format(out, line0, current);
            widths.remove(widths.size() - 1);
            line0 = current;
            current--;
        }
        print(out, line0, line1);
    }

    private void print(StringBuilder out, int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<String> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                String cell = line.get(j);
                out.append(cell);
                if (j < widths.size() && j < line.size() - 1) {
                    out.append(" ".repeat(Math.max(0, widths.get(j) - cell.length())));
                }
            }
            out.append('\n');
        }
    }
}

package io.tugboat.kubectl.printers;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns rows of cells into columns the way kubectl's printers do: Go's {@code text/tabwriter} with minimum
 * width 6, padding 3, spaces, and {@code RememberWidths}.
 *
 * <p>Each column is as wide as its widest cell plus 3, but at least 6; the last cell of a row is printed as is
 * (it ends the line, not a column). With remembered widths a column never shrinks between {@link #flush}es, which
 * is what keeps the rows of {@code get -w} in line with the table printed before them.
 */
public final class TabWriter {
    private static final int MIN_WIDTH = 6;
    private static final int PADDING = 3;

    private final List<List<String>> rows = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();

    /** Adds one row; nothing is printed until {@link #flush}. */
    public void row(List<String> cells) {
        rows.add(List.copyOf(cells));
    }

    /** Forgets remembered widths (a new, unrelated table follows). */
    public void reset() {
        widths.clear();
    }

    /** Prints the rows added since the last flush, aligned, and returns the text. */
    public String flush() {
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                int width = Math.max(MIN_WIDTH, row.get(i).length() + PADDING);
                if (i >= widths.size()) {
                    widths.add(width);
                } else if (width > widths.get(i)) {
                    widths.set(i, width);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(cell);
                if (i < row.size() - 1) {
                    out.append(" ".repeat(widths.get(i) - cell.length()));
                }
            }
            out.append('\n');
        }
        rows.clear();
        return out.toString();
    }
}

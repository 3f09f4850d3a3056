package io.tugboat.kubectl.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Just enough of the ustar format for {@code tug cp}: regular files and directories written and read. A tar stream
 * is 512-byte blocks: per entry a header (name at 0, mode at 100, size in octal at 124, checksum at 148, type at
 * 156 — {@code 0} file, {@code 5} directory —, {@code ustar} magic at 257, a name prefix at 345 for long paths), the
 * content padded to a block, and two zero blocks at the end. Reading also understands what GNU and busybox tar
 * write for names longer than that ({@code L} entries) and skips pax headers and other entry types (links,
 * devices), as nothing but files and directories is copied.
 */
final class Tar {
    private static final int BLOCK = 512;

    /** One entry: a path relative to the archive's root, and a file's content ({@code null} for a directory). */
    record Entry(String name, boolean directory, int mode, byte[] content) {
    }

    private Tar() {
    }

    /** An archive of one regular file. */
    static byte[] single(String name, byte[] content) throws IOException {
        return write(List.of(new Entry(name, false, 0644, content)));
    }

    /**
     * An archive of {@code local} (a file, or a directory and everything under it) whose entries are named
     * {@code name}, {@code name/...}: what {@code tar -x} then makes at {@code name}.
     */
    static byte[] of(Path local, String name) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(local)) {
            entries.add(new Entry(name, false, mode(local, 0644), Files.readAllBytes(local)));
            return write(entries);
        }
        try (Stream<Path> walk = Files.walk(local)) {
            for (Path p : walk.sorted().toList()) {
                String relative = local.relativize(p).toString().replace('\\', '/');
                String entryName = relative.isEmpty() ? name : name + "/" + relative;
                if (Files.isDirectory(p)) {
                    entries.add(new Entry(entryName, true, mode(p, 0755), null));
                } else if (Files.isRegularFile(p)) {
                    entries.add(new Entry(entryName, false, mode(p, 0644), Files.readAllBytes(p)));
                }
            }
        }
        return write(entries);
    }

    static byte[] write(List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] content = e.directory() ? new byte[0] : e.content();
            out.write(header(e.directory() ? e.name() + "/" : e.name(), e.directory() ? '5' : '0', e.mode(), content.length));
            out.write(content);
            out.write(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        }
        out.write(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static byte[] header(String name, char type, int mode, long size) throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            put(header, 0, bytes, 100);
        } else {
            // ustar splits a long path at a '/' into a prefix (155 bytes) and a name (100 bytes)
            int split = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
            while (split > 0 && (name.substring(0, split).getBytes(StandardCharsets.UTF_8).length > 155
                    || name.substring(split + 1).getBytes(StandardCharsets.UTF_8).length > 100)) {
                split = name.lastIndexOf('/', split - 1);
            }
            if (split <= 0) {
                throw new IOException("path too long to copy: " + name);
            }
            put(header, 0, name.substring(split + 1).getBytes(StandardCharsets.UTF_8), 100);
            put(header, 345, name.substring(0, split).getBytes(StandardCharsets.UTF_8), 155);
        }
        put(header, 100, String.format("%07o", mode & 07777), 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", size), 12);
        put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000), 12);
        header[156] = (byte) type;
        put(header, 257, "ustar", 6);
        header[263] = '0';
        header[264] = '0';
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
        return header;
    }

    /** Every file and directory of the archive, in order, names as stored (no leading {@code /}, no trailing one). */
    static List<Entry> read(byte[] tar) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String longName = null;
        for (int at = 0; at + BLOCK <= tar.length; ) {
            if (tar[at] == 0) {
                break;
            }
            long size = octal(tar, at + 124, 12);
            byte type = tar[at + 156];
            int data = at + BLOCK;
            if (data + size > tar.length) {
                throw new IOException("the tar stream from the container is cut short");
            }
            String name = longName != null ? longName : name(tar, at);
            longName = null;
            if (type == 'L') {
                longName = text(tar, data, (int) size);
            } else if (type == '0' || type == 0 || type == '5') {
                byte[] content = null;
                if (type != '5') {
                    content = new byte[(int) size];
                    System.arraycopy(tar, data, content, 0, (int) size);
                }
                String clean = name.replaceAll("^/+", "").replaceAll("/+$", "");
                entries.add(new Entry(clean, type == '5', (int) octal(tar, at + 100, 8), content));
            }
            at = data + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        return entries;
    }

    /** The content of the first regular file of the archive. */
    static byte[] firstFile(byte[] tar) throws IOException {
        return read(tar).stream().filter(e -> !e.directory()).findFirst().map(Entry::content)
                .orElseThrow(() -> new IOException("no regular file in the container's tar stream"));
    }

    private static String name(byte[] tar, int at) {
        String name = text(tar, at, 100);
        boolean ustar = new String(tar, at + 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? text(tar, at + 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < tar.length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] tar, int offset, int length) {
        String field = new String(tar, offset, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
        return field.isEmpty() ? 0 : Long.parseLong(field, 8);
    }

    private static int mode(Path p, int fallback) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            int mode = 0;
            for (PosixFilePermission permission : permissions) {
                mode |= 1 << (8 - permission.ordinal());
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return fallback;
        }
    }

    private static void put(byte[] header, int offset, String value, int length) {
        put(header, offset, value.getBytes(StandardCharsets.US_ASCII), length);
    }

    private static void put(byte[] header, int offset, byte[] bytes, int length) {
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}

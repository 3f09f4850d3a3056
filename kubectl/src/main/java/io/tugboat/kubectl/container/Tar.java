package io.tugboat.kubectl.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the ustar format for {@code tug cp}: one regular file written, the first regular file read.
 * A tar stream is 512-byte blocks: a header (name at 0, size in octal at 124, checksum at 148, type at 156,
 * {@code ustar} magic at 257), the content padded to a block, and two zero blocks at the end.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    static byte[] single(String name, byte[] content) throws IOException {
        byte[] header = new byte[BLOCK];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", content.length), 12);
        put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000), 12);
        header[156] = '0';
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        out.write(content);
        out.write(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        out.write(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    static byte[] firstFile(byte[] tar) throws IOException {
        for (int at = 0; at + BLOCK <= tar.length; ) {
            if (tar[at] == 0) {
                break;
            }
            String sizeField = new String(tar, at + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim();
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            byte type = tar[at + 156];
            int data = at + BLOCK;
            if (type == '0' || type == 0) {
                if (data + size > tar.length) {
                    throw new IOException("the tar stream from the container is cut short");
                }
                byte[] content = new byte[(int) size];
                System.arraycopy(tar, data, content, 0, (int) size);
                return content;
            }
            at = data + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        throw new IOException("no regular file in the container's tar stream (is it a directory?)");
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}

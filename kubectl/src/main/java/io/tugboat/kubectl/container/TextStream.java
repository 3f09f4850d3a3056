package io.tugboat.kubectl.container;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Remote output (bytes) onto the command's writer: decodes UTF-8, keeping a character split between two chunks
 * until its last byte arrives, and flushes after every chunk so an interactive session shows output at once.
 */
final class TextStream extends OutputStream {
    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[0];

    TextStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(pending.length + len);
        in.put(pending).put(b, off, len).flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, chars, false);
        chars.flip();
        writer.append(chars);
        writer.flush();
        pending = new byte[in.remaining()];
        in.get(pending);
    }

    @Override
    public void flush() {
        writer.flush();
    }
}

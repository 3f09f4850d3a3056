package io.tugboat.kubelet.streaming;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One connection to the Docker Engine taken over ("hijacked") for a stream: the kubelet sends
 * {@code POST /exec/{id}/start} or {@code POST /containers/{id}/attach} with {@code Upgrade: tcp}, Docker answers
 * {@code 101 UPGRADED}, and from then on the connection carries the process's stdin one way and its output the
 * other.
 *
 * <p>Why not docker-java's own hijacking: it copies stdin to the socket but never half-closes it, so a process
 * reading stdin ({@code echo hi | kubectl exec -i pod -- cat}) would never see EOF. Here {@link #closeStdin()} is
 * {@code shutdownOutput()}, which Docker passes on to the process as the end of its input.
 *
 * <p>Output framing: with a TTY the output is the raw terminal stream. Without one Docker multiplexes stdout and
 * stderr, each chunk behind an 8-byte header: {@code [stream, 0, 0, 0, size (4 bytes, big-endian)]}, stream 1 being
 * stdout and 2 stderr. {@link #readFrame} undoes that.
 *
 * <p>Reads and writes go straight to the {@link SocketChannel} (not through {@code Channels.newInputStream}, whose
 * streams share one lock), so one thread can block in a read while another writes stdin.
 */
final class HijackedConnection implements AutoCloseable {
    /** A chunk of output: stream 1 (stdout) or 2 (stderr). */
    record Chunk(int stream, byte[] data) {
    }

    private final SocketChannel channel;
    private final boolean multiplexed;
    private final ByteBuffer in = ByteBuffer.allocate(32 * 1024);

    private HijackedConnection(SocketChannel channel, boolean multiplexed, ByteBuffer leftover) {
        this.channel = channel;
        this.multiplexed = multiplexed;
        in.put(leftover);
        in.flip();
    }

    /**
     * Opens the connection and sends the upgrade request.
     *
     * @param dockerHost {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
     * @param tty whether the stream is a raw terminal stream rather than multiplexed frames
     */
    static HijackedConnection open(String dockerHost, String path, String jsonBody, boolean tty) throws IOException {
        URI uri = URI.create(dockerHost);
        SocketChannel channel = switch (uri.getScheme()) {
            case "unix" -> SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()));
            case "tcp", "http" -> SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
            default -> throw new IOException("unsupported docker host " + dockerHost);
        };
        try {
            byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n";
            writeFully(channel, ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            writeFully(channel, ByteBuffer.wrap(body));
            ByteBuffer leftover = readResponseHead(channel);
            return new HijackedConnection(channel, !tty, leftover);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads up to the end of the response head; returns the bytes read past it (the stream's first bytes). */
    private static ByteBuffer readResponseHead(SocketChannel channel) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (true) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new EOFException("docker closed the connection before answering");
            }
            seen.write(buffer.array(), 0, buffer.position());
            byte[] all = seen.toByteArray();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (end >= 0) {
                String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
                String statusLine = head.lines().findFirst().orElse("");
                String[] parts = statusLine.split(" ", 3);
                int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                if (code != 101 && code != 200) {
                    String message = new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
                    throw new IOException("docker answered " + statusLine + ": " + DockerErrors.message(message));
                }
                return ByteBuffer.wrap(all, end + 4, all.length - end - 4);
            }
            if (all.length > 64 * 1024) {
                throw new IOException("docker's response head is too long");
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The next chunk of output, or {@code null} at the end of the stream. */
    Chunk readFrame() throws IOException {
        if (!multiplexed) {
            if (!fill(1)) {
                return null;
            }
            byte[] data = new byte[in.remaining()];
            in.get(data);
            return new Chunk(1, data);
        }
        if (!fill(8)) {
            return null;
        }
        int stream = in.get() & 0xff;
        in.position(in.position() + 3);
        int size = in.getInt();
        byte[] data = new byte[size];
        int copied = 0;
        while (copied < size) {
            if (!fill(1)) {
                throw new EOFException("docker's stream ended inside a frame");
            }
            int n = Math.min(in.remaining(), size - copied);
            in.get(data, copied, n);
            copied += n;
        }
        return new Chunk(stream == 2 ? 2 : 1, data);
    }

    /** Makes at least {@code n} bytes readable; false at the end of the stream. */
    private boolean fill(int n) throws IOException {
        while (in.remaining() < n) {
            in.compact();
            int read;
            try {
                read = channel.read(in);
            } finally {
                in.flip();
            }
            if (read < 0) {
                return false;
            }
        }
        return true;
    }

    void write(byte[] data) throws IOException {
        writeFully(channel, ByteBuffer.wrap(data));
    }

    /** Half-closes the connection: the process reads EOF on its stdin. */
    void closeStdin() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}

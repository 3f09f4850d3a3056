package io.tugboat.kubelet.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.tugboat.kubelet.streaming.ContainerStreams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resize messages reach the session off the event loop, and only the newest size of a burst counts. */
class StreamSessionHandlerTest {
    private final ExecutorService blocking = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    /** A session whose resize blocks until released, as a slow Docker call does. */
    static final class SlowResizes implements ContainerStreams.Session {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch applied = new CountDownLatch(1);
        final List<int[]> sizes = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void resize(int width, int height) {
            threads.add(Thread.currentThread());
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sizes.add(new int[] {width, height});
            if (width == 120) {
                applied.countDown();
            }
        }

        @Override
        public void stdin(byte[] data) {
        }

        @Override
        public void closeStdin() {
        }

        @Override
        public Integer pump(ContainerStreams.Output out) {
            return null;
        }

        @Override
        public void close() {
        }
    }

    static BinaryWebSocketFrame resize(int width, int height) {
        byte[] json = ("{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[json.length + 1];
        message[0] = StreamProtocol.RESIZE;
        System.arraycopy(json, 0, message, 1, json.length);
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message));
    }

    @Test
    void resizesRunOffTheEventLoopAndABurstEndsAtItsNewestSize() throws Exception {
        SlowResizes session = new SlowResizes();
        EmbeddedChannel channel = new EmbeddedChannel(new StreamSessionHandler(session, List.of(),
                new ContainerStreams.Options(true, true, false, true), blocking));
        // the first resize blocks in "Docker"; the event loop (here: this thread) must go on reading
        channel.writeInbound(resize(80, 24));
        channel.writeInbound(resize(100, 30));
        channel.writeInbound(resize(120, 40));
        session.release.countDown();
        assertTrue(session.applied.await(60, TimeUnit.SECONDS), "the newest size was applied");
        assertTrue(session.threads.stream().noneMatch(t -> t == Thread.currentThread()), "never on the event loop");
        assertNotEquals(0, session.sizes.size());
        assertArrayEquals(new int[] {120, 40}, session.sizes.get(session.sizes.size() - 1), "the last applied is the newest");
        assertTrue(session.sizes.size() <= 3);
        channel.finishAndReleaseAll();
    }
}

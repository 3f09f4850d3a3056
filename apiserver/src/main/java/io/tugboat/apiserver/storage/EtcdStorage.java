package io.tugboat.apiserver.storage;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchProgressRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.tugboat.apiserver.tls.ClientTls;
import javax.net.ssl.SSLException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on etcd v3, speaking etcd's gRPC API directly through the stubs jetcd generates
 * ({@code io.etcd.jetcd.api}) on a grpc-java channel. Each write is one etcd transaction whose compare is the
 * concurrency rule:
 * <pre>
 *   create:  If(createRevision(key) == 0)        Then(put)     Else()
 *   update:  If(modRevision(key) == expected)    Then(put)     Else(get)   -- expected 0: If(createRevision &gt; 0)
 *   delete:  If(modRevision(key) == expected)    Then(get, delete) Else(get)
 * </pre>
 * The {@code Else(get)} tells a conflict (key there, other revision) from a missing key in the same round trip.
 *
 * <p>Why not jetcd's {@code Client}: every API request here is one blocking etcd call on a request thread. A
 * blocking gRPC stub runs that call's callbacks on the calling thread itself, while jetcd's client adds a
 * vert.x event loop, retry wrappers and a future per call — on two cores that layering cost about as much CPU
 * as etcd itself (measured by {@code ./tug bench}). Every call carries the request timeout as its gRPC
 * deadline, so an unreachable etcd becomes a TIMEOUT error, never a hang.
 *
 * <p>With several endpoints, calls go to one of them and move to the next when it is unavailable. An
 * {@code https://} endpoint is reached over TLS ({@code --etcd-cafile}, {@code --etcd-certfile},
 * {@code --etcd-keyfile}: the CA etcd's serving certificate must chain to, and the client certificate etcd's
 * {@code --client-cert-auth} demands), with etcd's name checked against its certificate.
 */
public final class EtcdStorage implements Storage {
    private static final Logger log = LoggerFactory.getLogger(EtcdStorage.class);
    /** A list of many objects is one response: allow far more than gRPC's 4 MiB default. */
    private static final int MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final AtomicInteger current = new AtomicInteger();
    private final Duration timeout;
    private final Set<WatchStream> watches = ConcurrentHashMap.newKeySet();

    public EtcdStorage(List<String> endpoints, Duration requestTimeout) {
        this(endpoints, requestTimeout, null);
    }

    /**
     * @param tls for {@code https://} endpoints: whom to trust and which client certificate to present; {@code null}
     *            trusts the JDK's CAs and presents none
     */
    public EtcdStorage(List<String> endpoints, Duration requestTimeout, ClientTls tls) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoints");
        }
        for (String endpoint : endpoints) {
            URI uri = URI.create(endpoint);
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort() < 0 ? 2379 : uri.getPort())
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .keepAliveTime(30, TimeUnit.SECONDS);
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                try {
                    ClientTls settings = tls == null ? new ClientTls(null, null, null) : tls;
                    builder.sslContext(GrpcSslContexts.configure(settings.nettyBuilder()).build());
                } catch (SSLException e) {
                    throw new IllegalArgumentException("cannot set up TLS to etcd at " + endpoint + ": " + e.getMessage(), e);
                }
            } else {
                if (tls != null) {
                    log.warn("etcd endpoint {} is plain http: the etcd TLS files are not used for it", endpoint);
                }
                builder.usePlaintext();
            }
            channels.add(builder.build());
        }
        this.timeout = requestTimeout;
    }

    private ManagedChannel channel() {
        return channels.get(Math.floorMod(current.get(), channels.size()));
    }

    /** Runs one unary call on the current endpoint's blocking stub, turning gRPC failures into StorageExceptions. */
    private <T> T call(String key, Function<KVGrpc.KVBlockingStub, T> call) {
        ManagedChannel channel = channel();
        try {
            return call.apply(KVGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new StorageException(StorageException.Code.UNAVAILABLE, key, "interrupted", e);
            }
            Status.Code code = e.getStatus().getCode();
            if (isCompacted(e.getStatus())) {
                throw new StorageException(StorageException.Code.EXPIRED, key, "revision has been compacted", e);
            }
            if (code == Status.Code.DEADLINE_EXCEEDED) {
                throw new StorageException(StorageException.Code.TIMEOUT, key,
                        "etcd did not answer within " + timeout.toMillis() + " ms", e);
            }
            if (code == Status.Code.UNAVAILABLE && channels.size() > 1) {
                current.compareAndSet(channels.indexOf(channel), channels.indexOf(channel) + 1);
            }
            throw new StorageException(StorageException.Code.UNAVAILABLE, key, "etcd: " + e.getStatus(), e);
        }
    }

    /** etcd answers a read or watch at a compacted revision with OUT_OF_RANGE "mvcc: required revision has been compacted". */
    private static boolean isCompacted(Status status) {
        return status.getCode() == Status.Code.OUT_OF_RANGE
                || String.valueOf(status.getDescription()).contains("required revision has been compacted");
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static KeyValue toKeyValue(io.etcd.jetcd.api.KeyValue kv) {
        return new KeyValue(kv.getKey().toStringUtf8(), kv.getValue().toByteArray(), kv.getCreateRevision(),
                kv.getModRevision());
    }

    @Override
    public Optional<KeyValue> get(String key) {
        RangeResponse response = call(key, kv -> kv.range(RangeRequest.newBuilder().setKey(bytes(key)).build()));
        return response.getKvsList().stream().findFirst().map(EtcdStorage::toKeyValue);
    }

    @Override
    public ListResult list(String prefix, String startKey, long limit, long revision) {
        RangeRequest.Builder request = RangeRequest.newBuilder()
                .setKey(bytes(startKey == null || startKey.isEmpty() ? prefix : startKey))
                .setRangeEnd(prefixEnd(prefix))
                .setSortTarget(RangeRequest.SortTarget.KEY)
                .setSortOrder(RangeRequest.SortOrder.ASCEND);
        if (limit > 0) {
            request.setLimit(limit);
        }
        if (revision > 0) {
            request.setRevision(revision);
        }
        RangeResponse response = call(prefix, kv -> kv.range(request.build()));
        List<KeyValue> items = new ArrayList<>(response.getKvsCount());
        response.getKvsList().forEach(kv -> items.add(toKeyValue(kv)));
        long remaining = response.getMore() ? Math.max(1, response.getCount() - items.size()) : 0;
        return new ListResult(items, response.getHeader().getRevision(), remaining);
    }

    /** The smallest key greater than every key with this prefix (etcd's range end for a prefix). */
    static ByteString prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return ByteString.copyFrom(end, 0, i + 1);
            }
        }
        return ByteString.copyFrom(new byte[] {0});
    }

    private static RequestOp put(ByteString key, byte[] value) {
        return RequestOp.newBuilder()
                .setRequestPut(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFrom(value))).build();
    }

    private static RequestOp get(ByteString key) {
        return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(key)).build();
    }

    /** {@code modRevision(key) == expected}, or "the key exists" when {@code expected} is 0. */
    private static Compare expectRevision(ByteString key, long expected) {
        return expected > 0
                ? Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.MOD)
                        .setResult(Compare.CompareResult.EQUAL).setModRevision(expected).build()
                : Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.CREATE)
                        .setResult(Compare.CompareResult.GREATER).setCreateRevision(0).build();
    }

    @Override
    public long create(String key, byte[] value) {
        ByteString k = bytes(key);
        TxnRequest txn = TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(k).setTarget(Compare.CompareTarget.CREATE)
                        .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0))
                .addSuccess(put(k, value))
                .build();
        TxnResponse response = call(key, kv -> kv.txn(txn));
        if (!response.getSucceeded()) {
            throw new StorageException(StorageException.Code.KEY_EXISTS, key, "key exists: " + key);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long update(String key, byte[] value, long expectedModRevision) {
        ByteString k = bytes(key);
        TxnRequest txn = TxnRequest.newBuilder()
                .addCompare(expectRevision(k, expectedModRevision))
                .addSuccess(put(k, value))
                .addFailure(get(k))
                .build();
        TxnResponse response = call(key, kv -> kv.txn(txn));
        if (!response.getSucceeded()) {
            throw failedCompare(key, response);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteString k = bytes(key);
        TxnRequest txn = TxnRequest.newBuilder()
                .addCompare(expectRevision(k, expectedModRevision))
                .addSuccess(get(k))
                .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(k)))
                .addFailure(get(k))
                .build();
        TxnResponse response = call(key, kv -> kv.txn(txn));
        if (!response.getSucceeded()) {
            throw failedCompare(key, response);
        }
        KeyValue before = toKeyValue(response.getResponses(0).getResponseRange().getKvs(0));
        return new KeyValue(key, before.value(), before.createRevision(), response.getHeader().getRevision());
    }

    private static StorageException failedCompare(String key, TxnResponse response) {
        boolean exists = response.getResponsesCount() > 0
                && response.getResponses(0).getResponseRange().getKvsCount() > 0;
        return exists
                ? StorageException.conflict(key, toKeyValue(response.getResponses(0).getResponseRange().getKvs(0)))
                : new StorageException(StorageException.Code.KEY_NOT_FOUND, key, "not found: " + key);
    }

    @Override
    public long currentRevision() {
        return call("", kv -> kv.range(RangeRequest.newBuilder().setKey(bytes("\0")).setCountOnly(true).build()))
                .getHeader().getRevision();
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Listener listener) {
        WatchStream stream = new WatchStream(prefix, listener);
        watches.add(stream);
        StreamObserver<WatchRequest> requests = WatchGrpc.newStub(channel()).watch(stream);
        stream.send(requests, WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                .setKey(bytes(prefix))
                .setRangeEnd(prefixEnd(prefix))
                .setStartRevision(afterRevision + 1)
                // No previous values: the watch cache knows them already, and leaving them out halves what
                // etcd sends (and what gRPC decodes) for every write.
                .setPrevKv(false)
                .setProgressNotify(true)).build());
        return stream::close;
    }

    /**
     * One etcd watch on its own gRPC stream. gRPC calls a stream's observer methods one at a time, in order,
     * which gives the {@link Listener} its one-thread, in-order delivery.
     */
    private final class WatchStream implements ClientResponseObserver<WatchRequest, WatchResponse> {
        private final String prefix;
        private final Listener listener;
        private volatile ClientCallStreamObserver<WatchRequest> requests;
        private volatile boolean closed;

        WatchStream(String prefix, Listener listener) {
            this.prefix = prefix;
            this.listener = listener;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
            this.requests = requestStream;
        }

        /** Request observers are not thread-safe: the creating thread and progress requests both send. */
        synchronized void send(StreamObserver<WatchRequest> to, WatchRequest request) {
            if (!closed) {
                to.onNext(request);
            }
        }

        void requestProgress() {
            ClientCallStreamObserver<WatchRequest> to = requests;
            if (to != null) {
                send(to, WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
            }
        }

        @Override
        public void onNext(WatchResponse response) {
            if (closed) {
                return;
            }
            if (response.getCanceled()) {
                StorageException.Code code = response.getCompactRevision() > 0
                        ? StorageException.Code.EXPIRED : StorageException.Code.UNAVAILABLE;
                end(new StorageException(code, prefix, "watch canceled by etcd: " + response.getCancelReason()
                        + (response.getCompactRevision() > 0 ? " (compacted at " + response.getCompactRevision() + ")" : "")));
                return;
            }
            if (response.getCreated()) {
                return;
            }
            if (response.getEventsCount() == 0) {
                listener.onProgress(response.getHeader().getRevision());
                return;
            }
            List<StorageEvent> events = new ArrayList<>(response.getEventsCount());
            for (Event event : response.getEventsList()) {
                StorageEvent.Type type = event.getType() == Event.EventType.DELETE
                        ? StorageEvent.Type.DELETE : StorageEvent.Type.PUT;
                events.add(new StorageEvent(type, toKeyValue(event.getKv()), null));
            }
            listener.onEvents(events);
        }

        @Override
        public void onError(Throwable error) {
            Status status = Status.fromThrowable(error);
            StorageException.Code code = isCompacted(status) ? StorageException.Code.EXPIRED : StorageException.Code.UNAVAILABLE;
            if (status.getCode() == Status.Code.UNAVAILABLE && channels.size() > 1) {
                current.incrementAndGet();
            }
            log.debug("watch on {} ended: {}", prefix, status);
            end(new StorageException(code, prefix, String.valueOf(status), error));
        }

        @Override
        public void onCompleted() {
            end(new StorageException(StorageException.Code.UNAVAILABLE, prefix, "etcd closed the watch"));
        }

        private void end(StorageException error) {
            boolean wasOpen;
            synchronized (this) {
                wasOpen = !closed;
                closed = true;
            }
            watches.remove(this);
            if (wasOpen) {
                ClientCallStreamObserver<WatchRequest> to = requests;
                if (to != null) {
                    to.cancel("watch ended", null);
                }
                listener.onError(error);
            }
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            watches.remove(this);
            ClientCallStreamObserver<WatchRequest> to = requests;
            if (to != null) {
                to.cancel("watch closed by the API server", null);
            }
        }
    }

    @Override
    public void requestProgress() {
        for (WatchStream stream : watches) {
            stream.requestProgress();
        }
    }

    @Override
    public void compact(long revision) {
        call("", kv -> kv.compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build()));
    }

    @Override
    public void close() {
        for (WatchStream stream : watches) {
            stream.close();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

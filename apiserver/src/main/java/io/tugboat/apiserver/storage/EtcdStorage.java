package io.tugboat.apiserver.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on etcd v3 through jetcd. Each write is one etcd transaction whose compare is the
 * concurrency rule:
 * <pre>
 *   create:  If(createRevision(key) == 0)        Then(put)     Else(get)
 *   update:  If(modRevision(key) == expected)    Then(put)     Else(get)   -- expected 0: If(createRevision &gt; 0)
 *   delete:  If(modRevision(key) == expected)    Then(get, delete) Else(get)
 * </pre>
 * The {@code Else(get)} tells a conflict (key there, other revision) from a missing key in the same round trip.
 * Every call waits at most the request timeout, so an unreachable etcd becomes a TIMEOUT error, never a hang.
 */
public final class EtcdStorage implements Storage {
    private static final Logger log = LoggerFactory.getLogger(EtcdStorage.class);

    private final Client client;
    private final KV kv;
    private final Watch watchClient;
    private final Duration timeout;

    public EtcdStorage(List<String> endpoints, Duration requestTimeout) {
        this.client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
        this.kv = client.getKVClient();
        this.watchClient = client.getWatchClient();
        this.timeout = requestTimeout;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
                kv.getCreateRevision(), kv.getModRevision());
    }

    private <T> T await(CompletableFuture<T> future, String key) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new StorageException(StorageException.Code.UNAVAILABLE, key, "interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StorageException(StorageException.Code.TIMEOUT, key,
                    "etcd did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompactedException) {
                throw new StorageException(StorageException.Code.EXPIRED, key, "revision has been compacted", cause);
            }
            if (isCompacted(cause)) {
                throw new StorageException(StorageException.Code.EXPIRED, key, "revision has been compacted", cause);
            }
            throw new StorageException(StorageException.Code.UNAVAILABLE, key, "etcd: " + cause.getMessage(), cause);
        }
    }

    /** etcd answers a read at a compacted revision with OUT_OF_RANGE "mvcc: required revision has been compacted". */
    private static boolean isCompacted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CompactedException
                    || (t instanceof EtcdException ee && ee.getErrorCode() == ErrorCode.OUT_OF_RANGE)
                    || String.valueOf(t.getMessage()).contains("required revision has been compacted")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        GetResponse response = await(kv.get(bytes(key)), key);
        return response.getKvs().stream().findFirst().map(EtcdStorage::toKeyValue);
    }

    @Override
    public ListResult list(String prefix, String startKey, long limit, long revision) {
        ByteSequence from = bytes(startKey == null || startKey.isEmpty() ? prefix : startKey);
        GetOption.Builder option = GetOption.builder()
                .withRange(prefixEnd(prefix))
                .withSortField(GetOption.SortTarget.KEY)
                .withSortOrder(GetOption.SortOrder.ASCEND);
        if (limit > 0) {
            option.withLimit(limit);
        }
        if (revision > 0) {
            option.withRevision(revision);
        }
        GetResponse response = await(kv.get(from, option.build()), prefix);
        List<KeyValue> items = new ArrayList<>(response.getKvs().size());
        response.getKvs().forEach(kv -> items.add(toKeyValue(kv)));
        long remaining = response.isMore() ? Math.max(1, response.getCount() - items.size()) : 0;
        return new ListResult(items, response.getHeader().getRevision(), remaining);
    }

    /** The smallest key greater than every key with this prefix (etcd's range end for a prefix). */
    static ByteSequence prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                byte[] trimmed = new byte[i + 1];
                System.arraycopy(end, 0, trimmed, 0, i + 1);
                return ByteSequence.from(trimmed);
            }
        }
        return ByteSequence.from(new byte[] {0});
    }

    @Override
    public long create(String key, byte[] value) {
        ByteSequence k = bytes(key);
        TxnResponse response = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit(), key);
        if (!response.isSucceeded()) {
            throw new StorageException(StorageException.Code.KEY_EXISTS, key, "key exists: " + key);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long update(String key, byte[] value, long expectedModRevision) {
        ByteSequence k = bytes(key);
        Cmp compare = expectedModRevision > 0
                ? new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision))
                : new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0));
        TxnResponse response = await(kv.txn()
                .If(compare)
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(), key);
        if (!response.isSucceeded()) {
            throw failedCompare(key, response);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteSequence k = bytes(key);
        Cmp compare = expectedModRevision > 0
                ? new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision))
                : new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0));
        TxnResponse response = await(kv.txn()
                .If(compare)
                .Then(Op.get(k, GetOption.DEFAULT), Op.delete(k, DeleteOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(), key);
        if (!response.isSucceeded()) {
            throw failedCompare(key, response);
        }
        KeyValue before = toKeyValue(response.getGetResponses().get(0).getKvs().get(0));
        return new KeyValue(key, before.value(), before.createRevision(), response.getHeader().getRevision());
    }

    private static StorageException failedCompare(String key, TxnResponse response) {
        boolean exists = !response.getGetResponses().isEmpty() && !response.getGetResponses().get(0).getKvs().isEmpty();
        return exists
                ? new StorageException(StorageException.Code.CONFLICT, key, "the object has been modified")
                : new StorageException(StorageException.Code.KEY_NOT_FOUND, key, "not found: " + key);
    }

    @Override
    public long currentRevision() {
        return await(kv.get(bytes("\0"), GetOption.builder().withCountOnly(true).build()), "").getHeader().getRevision();
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Listener listener) {
        WatchOption option = WatchOption.builder()
                .withRange(prefixEnd(prefix))
                .withRevision(afterRevision + 1)
                // No previous values: the watch cache knows them already, and leaving them out halves what
                // etcd sends (and what gRPC decodes) for every write.
                .withPrevKV(false)
                .withProgressNotify(true)
                .build();
        Watch.Watcher watcher = watchClient.watch(bytes(prefix), option, Watch.listener(
                response -> deliver(response, listener),
                error -> {
                    StorageException.Code code = isCompacted(error)
                            ? StorageException.Code.EXPIRED : StorageException.Code.UNAVAILABLE;
                    log.debug("watch on {} ended: {}", prefix, error.toString());
                    listener.onError(new StorageException(code, prefix, String.valueOf(error.getMessage()), error));
                }));
        return watcher::close;
    }

    private static void deliver(WatchResponse response, Listener listener) {
        if (response.getEvents().isEmpty()) {
            listener.onProgress(response.getHeader().getRevision());
            return;
        }
        List<StorageEvent> events = new ArrayList<>(response.getEvents().size());
        for (WatchEvent event : response.getEvents()) {
            KeyValue current = toKeyValue(event.getKeyValue());
            io.etcd.jetcd.KeyValue prev = event.getPrevKV();
            KeyValue previous = prev == null || prev.getKey().isEmpty() ? null : toKeyValue(prev);
            StorageEvent.Type type = event.getEventType() == WatchEvent.EventType.DELETE
                    ? StorageEvent.Type.DELETE : StorageEvent.Type.PUT;
            events.add(new StorageEvent(type, current, previous));
        }
        listener.onEvents(events);
    }

    @Override
    public void requestProgress() {
        watchClient.requestProgress();
    }

    @Override
    public void compact(long revision) {
        await(client.getKVClient().compact(revision, CompactOption.builder().withCompactPhysical(true).build()), "");
    }

    @Override
    public void close() {
        client.close();
    }
}

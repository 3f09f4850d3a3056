package io.tugboat.apiserver.storage;

import java.util.Optional;

/**
 * The API server's view of etcd: a sorted key-value store with revisions, compare-and-swap writes and
 * watches. Everything above it speaks objects; this interface speaks bytes and revisions only, so the
 * concurrency rules are visible in one small place:
 * <ul>
 *   <li>{@link #create} succeeds only if the key does not exist ({@code createRevision == 0}).</li>
 *   <li>{@link #update} and {@link #delete} succeed only if the key's {@code modRevision} equals the expected
 *       one; {@code 0} means "whatever it is now" (an unconditional write, still atomic).</li>
 *   <li>Every successful write gets a new cluster-wide revision; watches deliver changes in revision order.</li>
 * </ul>
 * Failures are {@link StorageException}s with a {@link StorageException.Code}.
 */
public interface Storage extends AutoCloseable {

    Optional<KeyValue> get(String key);

    /**
     * Reads keys under {@code prefix}, in key order, starting at {@code startKey} (inclusive; {@code null} for the
     * beginning), at most {@code limit} of them (0 = no limit), at {@code revision} (0 = latest).
     * Throws EXPIRED if the revision was compacted.
     */
    ListResult list(String prefix, String startKey, long limit, long revision);

    /** Creates the key; returns the new revision. Throws KEY_EXISTS. */
    long create(String key, byte[] value);

    /**
     * Replaces the value if the key's modRevision equals {@code expectedModRevision} (0 = any); returns the new
     * revision. Throws KEY_NOT_FOUND, or CONFLICT carrying the current value in {@link #get} terms.
     */
    long update(String key, byte[] value, long expectedModRevision);

    /**
     * Deletes the key if its modRevision equals {@code expectedModRevision} (0 = any); returns the deleted
     * key-value with modRevision set to the delete revision. Throws KEY_NOT_FOUND or CONFLICT.
     */
    KeyValue delete(String key, long expectedModRevision);

    /** The current revision of the whole store. */
    long currentRevision();

    /**
     * Watches every key under {@code prefix} for changes with revision &gt; {@code afterRevision}. Events arrive
     * on one thread, in order. The returned handle cancels the watch.
     */
    WatchHandle watch(String prefix, long afterRevision, Listener listener);

    /** Asks every open watch to report its progress (see {@link Listener#onProgress}). */
    void requestProgress();

    /** Compacts history up to {@code revision}; older revisions can no longer be read or watched. */
    void compact(long revision);

    @Override
    void close();

    /** Receives the changes of one watch. */
    interface Listener {
        /** A batch of changes, in revision order. */
        void onEvents(java.util.List<StorageEvent> events);

        /** Every change up to {@code revision} has been delivered. */
        void onProgress(long revision);

        /** The watch ended and will deliver nothing more (EXPIRED when its revision was compacted). */
        void onError(StorageException error);
    }

    /** Cancels a watch. */
    interface WatchHandle extends AutoCloseable {
        @Override
        void close();
    }
}

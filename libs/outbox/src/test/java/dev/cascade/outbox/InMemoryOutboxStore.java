package dev.cascade.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A stand-in for the outbox table: rows in id order, each published or not. Safe to read while the relay writes. */
final class InMemoryOutboxStore extends OutboxStore {

    private final Map<Long, PendingEvent> rows = new TreeMap<>();
    private final Map<Long, Instant> publishedAt = new TreeMap<>();
    private final List<List<Long>> marks = new ArrayList<>();

    synchronized void add(PendingEvent event) {
        rows.put(event.id(), event);
    }

    /** Ids marked published, in the order the relay marked them. */
    synchronized List<Long> marked() {
        return marks.stream().flatMap(List::stream).toList();
    }

    @Override
    public synchronized List<PendingEvent> unpublished(int max) {
        return rows.values().stream().filter(row -> !publishedAt.containsKey(row.id())).limit(max).toList();
    }

    @Override
    public synchronized void markPublished(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            marks.add(List.copyOf(ids));
            ids.forEach(id -> publishedAt.putIfAbsent(id, at));
        }
    }

    @Override
    public synchronized long pending() {
        return rows.size() - publishedAt.size();
    }

    @Override
    public synchronized long purgePublishedBefore(Instant before) {
        List<Long> old = publishedAt.entrySet().stream().filter(e -> e.getValue().isBefore(before)).map(Map.Entry::getKey).toList();
        old.forEach(id -> {
            rows.remove(id);
            publishedAt.remove(id);
        });
        return old.size();
    }
}

package org.integr8scode.resultprocessor.benchmark;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

/**
 * For the sink connector, which publishes nothing: an execution is answered when its document is found in the
 * sink collection, which the harness looks through every {@code intervalMillis} (so the latency it sees is up to
 * that much late); the documents found are deleted at once, so each look scans only the few that are new.
 */
final class SinkCollectionAnswers extends Answers {

    private final MongoCollection<Document> sink;
    private final long intervalMillis;
    private final Thread poller;
    private volatile boolean running = true;

    SinkCollectionAnswers(Lane lane, long intervalMillis) {
        this.sink = lane.results();
        this.intervalMillis = intervalMillis;
        poller = new Thread(this::poll, "benchmark-" + lane.subject() + "-sink-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    String endPoint() {
        return "publish -> document visible (looked for every " + intervalMillis + " ms)";
    }

    private void poll() {
        while (running) {
            try {
                List<String> ids = new ArrayList<>();
                sink.find().projection(Projections.include("_id")).forEach(d -> ids.add(String.valueOf(d.get("_id"))));
                long now = System.nanoTime();
                if (!ids.isEmpty()) {
                    answered(ids, now);
                    sink.deleteMany(Filters.in("_id", ids));
                }
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                anomaly("sink look-up failed: " + e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

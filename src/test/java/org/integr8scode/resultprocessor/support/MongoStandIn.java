package org.integr8scode.resultprocessor.support;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;

/**
 * mongo-java-server with its memory backend: it speaks MongoDB's wire protocol to the real driver, as no
 * mongod can be had here. It has no transactions and scans a collection for any filter that is not exactly an
 * index's keys, so tests are sized to that. An ordered update stops at its first error, as in MongoDB
 * ({@link OrderedWritesMemoryBackend}).
 */
public final class MongoStandIn implements MongoService {

    private final MongoServer server;
    private final InetSocketAddress address;

    public MongoStandIn() {
        this(0);
    }

    public MongoStandIn(int port) {
        server = new MongoServer(new OrderedWritesMemoryBackend());
        server.bind("127.0.0.1", port);
        address = server.getLocalAddress();
    }

    @Override
    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}

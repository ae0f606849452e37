package org.integr8scode.resultprocessor.support;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.DatabaseResolver;

/**
 * mongo-java-server's memory backend, with one thing made as MongoDB does it: an ordered update command stops at
 * its first write error (the stand-in alone goes on with the rest), so that a test can tell an ordered bulk write
 * from an unordered one. Each update of an ordered command is run as a command of its own, until one fails.
 */
final class OrderedWritesMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            public Document handleCommand(Channel channel, String command, Document query,
                                          DatabaseResolver databaseResolver, Oplog oplog) {
                if (!command.equalsIgnoreCase("update") || Boolean.FALSE.equals(query.get("ordered"))) {
                    return super.handleCommand(channel, command, query, databaseResolver, oplog);
                }
                return orderedUpdate(query, single -> super.handleCommand(channel, command, single,
                        databaseResolver, oplog));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Document orderedUpdate(Document query, java.util.function.Function<Document, Document> run) {
        List<Document> updates = (List<Document>) query.get("updates");
        int matched = 0;
        int modified = 0;
        List<Document> upserted = new ArrayList<>();
        Document response = new Document();
        for (int index = 0; index < updates.size(); index++) {
            Document single = new Document(query);
            single.put("updates", List.of(updates.get(index)));
            Document answer = run.apply(single);
            List<Document> errors = (List<Document>) answer.get("writeErrors");
            if (errors != null && !errors.isEmpty()) {
                Document error = new Document(errors.get(0));
                error.put("index", index);
                response.put("writeErrors", List.of(error));
                break;
            }
            List<Document> upserts = (List<Document>) answer.get("upserted");
            if (upserts != null) {
                for (Document upsert : upserts) {
                    Document renumbered = new Document(upsert);
                    renumbered.put("index", index);
                    upserted.add(renumbered);
                }
                matched += ((Number) answer.get("n")).intValue() - upserts.size();
            } else {
                matched += ((Number) answer.get("n")).intValue();
            }
            modified += ((Number) answer.get("nModified")).intValue();
        }
        response.put("n", matched + upserted.size());
        response.put("nModified", modified);
        if (!upserted.isEmpty()) {
            response.put("upserted", upserted);
        }
        response.put("ok", 1.0);
        return response;
    }
}

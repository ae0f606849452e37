package org.integr8scode.resultprocessor.store;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.bson.Document;
import org.integr8scode.resultprocessor.result.ResultFields;

/**
 * Creates the indexes of {@code execution_results} (status, stored_at, user_id) once at start, off the
 * consumer's path, retrying until MongoDB answers. Creating an index that exists is a no-op.
 */
public class ResultIndexesRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:ensure-result-indexes?repeatCount=1&delay=0")
                .routeId("ensure-result-indexes")
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(-1)
                        .redeliveryDelay(1000)
                        .useExponentialBackOff()
                        .maximumRedeliveryDelay(60_000)
                        .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN))
                .setBody(method(ResultIndexesRoute.class, "createIndexes(\"{{mongodb.collection.results}}\")"))
                .to("mongodb:mongoClient?database={{mongodb.database}}&operation=command")
                .log("Indexes of {{mongodb.collection.results}} are in place");
    }

    public static Document createIndexes(String collection) {
        List<Document> indexes = List.of(ResultFields.STATUS, ResultFields.STORED_AT, ResultFields.USER_ID).stream()
                .map(field -> new Document("key", new Document(field, 1)).append("name", field + "_1"))
                .toList();
        return new Document("createIndexes", collection).append("indexes", indexes);
    }
}

package org.integr8scode.resultprocessor.store;

import java.util.List;
import java.util.Set;

import com.mongodb.MongoCommandException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.util.ObjectHelper;
import org.bson.Document;
import org.integr8scode.resultprocessor.result.ResultFields;

/**
 * Creates, once at start, off the consumer's path and retrying until MongoDB answers, the indexes of
 * {@code execution_results} (status, stored_at, user_id) and, where the API has not made it yet, the unique index on
 * {@code event_id} of {@code events}, on which a repeated result event is found. Creating an index that exists is a
 * no-op; an index on {@code event_id} the API made under another name or with other options is left as it is.
 */
public class ResultIndexesRoute extends RouteBuilder {

    /** IndexOptionsConflict, IndexKeySpecsConflict: an index on these keys exists already, made otherwise. */
    private static final Set<Integer> INDEX_EXISTS_OTHERWISE = Set.of(85, 86);

    @Override
    public void configure() {
        from("timer:ensure-result-indexes?repeatCount=1&delay=0")
                .routeId("ensure-result-indexes")
                .errorHandler(retriedUntilMongoAnswers())
                .setBody(method(ResultIndexesRoute.class, "createIndexes(\"{{mongodb.collection.results}}\")"))
                .to("mongodb:mongoClient?database={{mongodb.database}}&operation=command")
                .log("Indexes of {{mongodb.collection.results}} are in place");

        from("timer:ensure-event-id-index?repeatCount=1&delay=0")
                .routeId("ensure-event-id-index")
                .errorHandler(retriedUntilMongoAnswers())
                .onException(MongoCommandException.class)
                    .onWhen(indexExistsOtherwise())
                    .handled(true)
                    .log("An index on event_id of {{mongodb.collection.events}} is there already (the API's): kept")
                .end()
                .setBody(method(ResultIndexesRoute.class, "createEventIdIndex(\"{{mongodb.collection.events}}\")"))
                .to("mongodb:mongoClient?database={{mongodb.database}}&operation=command")
                .log("The unique index on event_id of {{mongodb.collection.events}} is in place");
    }

    private DefaultErrorHandlerDefinition retriedUntilMongoAnswers() {
        return defaultErrorHandler()
                .maximumRedeliveries(-1)
                .redeliveryDelay(1000)
                .useExponentialBackOff()
                .maximumRedeliveryDelay(60_000)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
    }

    private static Predicate indexExistsOtherwise() {
        return exchange -> {
            MongoCommandException error = ObjectHelper.getException(MongoCommandException.class, exchange.getException());
            return error != null && INDEX_EXISTS_OTHERWISE.contains(error.getErrorCode());
        };
    }

    public static Document createIndexes(String collection) {
        List<Document> indexes = List.of(ResultFields.STATUS, ResultFields.STORED_AT, ResultFields.USER_ID).stream()
                .map(field -> new Document("key", new Document(field, 1)).append("name", field + "_1"))
                .toList();
        return new Document("createIndexes", collection).append("indexes", indexes);
    }

    /** The API's own index (Beanie's {@code Indexed(str, unique=True)}): same keys, name and options. */
    public static Document createEventIdIndex(String collection) {
        Document index = new Document("key", new Document(ResultFields.EVENT_ID, 1)).append("name", "event_id_1")
                .append("unique", true);
        return new Document("createIndexes", collection).append("indexes", List.of(index));
    }
}

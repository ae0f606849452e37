package org.integr8scode.resultprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import org.apache.camel.component.mongodb.CamelMongoDbException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** Which MongoDB refusals are for good (result_failed) and which a retry settles. */
class StorageRejectionTest {

    private static final ServerAddress SERVER = new ServerAddress();

    private static MongoCommandException commandError(int code) {
        return new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("errmsg", new BsonString("refused")), SERVER);
    }

    private static MongoWriteException writeError(int code) {
        return new MongoWriteException(new WriteError(code, "refused", new BsonDocument()), SERVER, java.util.Set.of());
    }

    @Test
    void aValidatorOrAnOversizedDocumentIsPermanentAsACommandOrAWriteError() {
        assertThat(StorageRejection.isPermanent(new CamelMongoDbException(commandError(121)))).isTrue();
        assertThat(StorageRejection.isPermanent(commandError(10334))).isTrue();
        assertThat(StorageRejection.isPermanent(writeError(121))).isTrue();
        assertThat(StorageRejection.isPermanent(new BsonMaximumSizeExceededException("too big"))).isTrue();
    }

    @Test
    void aDuplicateKeyAWriteConflictATimeoutOrALostConnectionIsTransient() {
        assertThat(StorageRejection.isPermanent(writeError(11000))).isFalse();
        assertThat(StorageRejection.isPermanent(commandError(112))).isFalse();
        assertThat(StorageRejection.isPermanent(commandError(50))).isFalse();
        assertThat(StorageRejection.isPermanent(new MongoSocketReadException("gone", SERVER))).isFalse();
        assertThat(StorageRejection.isPermanent(new IllegalStateException("a bug"))).isFalse();
    }
}

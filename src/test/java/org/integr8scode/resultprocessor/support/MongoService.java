package org.integr8scode.resultprocessor.support;

/** A MongoDB for tests; whether it is a container or the stand-in is its own affair. */
public interface MongoService extends AutoCloseable {

    String connectionString();

    @Override
    void close();
}

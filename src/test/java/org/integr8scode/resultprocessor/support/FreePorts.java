package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port nothing listens on now, below Linux's ephemeral range (32768 and up). A server that a test stops and
 * starts again on its port (the broker, the MongoDB proxy) must not find it taken meanwhile by a client's
 * outgoing connection, which takes its local port from the ephemeral range.
 */
public final class FreePorts {

    private static final int LOWEST = 20000;
    private static final int HIGHEST = 32000;

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }
}

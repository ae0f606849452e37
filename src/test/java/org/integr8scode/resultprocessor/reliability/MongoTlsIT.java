package org.integr8scode.resultprocessor.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.ConnectionString;
import com.mongodb.ServerAddress;
import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.SelfSignedCertificate;
import org.integr8scode.resultprocessor.support.TcpProxy;
import org.junit.jupiter.api.Test;

/**
 * MongoDB over TLS, its certificate signed by a CA of its own (docs/security.md): with {@code tls=true} in
 * MONGODB_URL and the CA in MONGODB_TLS_CA_FILE the results are stored; without the CA file, the JVM's truststore
 * does not know it, and the processor is not ready.
 */
class MongoTlsIT extends ReliabilityTestSupport {

    @Test
    void tlsWithTheCaFileStoresWithoutItIsNotReady() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate();
        ServerAddress mongoAddress = new ServerAddress(
                new ConnectionString(mongoServer().connectionString()).getHosts().get(0));
        try (TcpProxy tls = new TcpProxy(mongoAddress.getHost(), mongoAddress.getPort(), certificate.serverSockets())) {
            String url = "mongodb://127.0.0.1:" + tls.port() + "/?tls=true";

            ProcessorProcess unknownCa = startProcessor("no-ca-file", processorEnvironment(url));
            await().atMost(Duration.ofMinutes(2)).until(() -> unknownCa.probes().equals("200/503"));
            await().atMost(Duration.ofSeconds(30)).until(() -> unknownCa.health().body().contains("SSLHandshakeException"));
            unknownCa.terminate();

            Map<String, String> environment = processorEnvironment(url);
            environment.put("MONGODB_TLS_CA_FILE", certificate.pem().toString());
            ProcessorProcess trusting = startProcessor("ca-file", environment);
            List<String> ids = givenPublishedTerminalEvents(30);
            assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> trusting.probes().equals("200/200"));
        }
    }
}

package org.integr8scode.resultprocessor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.deploy.Manifests.one;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml, the processor beside Kafka and MongoDB as the original is deployed, checked against the code
 * and the Deployment: every variable it sets is read, it reaches the brokers and database it starts, and it runs
 * the processor as Kubernetes does.
 */
class ComposeFileTest {

    private final JsonNode compose = parse();
    private final JsonNode processor = compose.path("services").path("result-processor");
    private final Map<String, String> environment = new ObjectMapper().convertValue(processor.path("environment"),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
    private final Container deployed = one(Manifests.render(Manifests.DEPLOY), Deployment.class).getSpec().getTemplate()
            .getSpec().getContainers().get(0);

    private static JsonNode parse() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Manifests.DEPLOY.resolve("compose.yaml")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyVariableSetIsOneTheApplicationReads() {
        Set<String> read = new HashSet<>(Manifests.variablesTheApplicationReads());
        read.add("JAVA_OPTS");
        assertThat(environment.keySet()).isNotEmpty().isSubsetOf(read);
        assertThat(environment.get("JAVA_OPTS")).isEqualTo(Manifests.dockerfile("ENV JAVA_OPTS").replace("\"", ""));
    }

    @Test
    void theProcessorReachesTheBrokerAndTheDatabaseThatComposeStarts() {
        String[] broker = environment.get("KAFKA_BOOTSTRAP_SERVERS").split(":");
        assertThat(compose.path("services").has(broker[0])).as("a service named " + broker[0]).isTrue();
        assertThat(compose.path("services").path(broker[0]).path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains("//" + broker[0] + ":" + broker[1]);
        URI mongo = URI.create(environment.get("MONGODB_URL"));
        assertThat(compose.path("services").has(mongo.getHost())).as("a service named " + mongo.getHost()).isTrue();
        assertThat(mongo.getPort()).isEqualTo(27017);
        assertThat(processor.path("depends_on").has(broker[0])).isTrue();
        assertThat(processor.path("depends_on").has(mongo.getHost())).isTrue();
        // no cluster beside it: the clean-up is off, not left to guess
        assertThat(environment.get("CLEANUP_ENABLED")).isEqualTo("false");
    }

    @Test
    void theProcessorRunsAsTheDeploymentRunsIt() {
        assertThat(processor.path("build").path("context").asText()).isEqualTo("..");
        assertThat(Files.isRegularFile(Manifests.DEPLOY.resolve("..").resolve(processor.path("build").path("dockerfile").asText()))).isTrue();
        assertThat(processor.path("user").asText()).isEqualTo(Manifests.dockerfile("USER"));
        assertThat(processor.path("read_only").asBoolean()).isTrue();
        assertThat(processor.path("tmpfs").get(0).asText()).isEqualTo("/tmp");
        assertThat(processor.path("cap_drop").get(0).asText()).isEqualTo("ALL");
        assertThat(processor.path("security_opt").get(0).asText()).isEqualTo("no-new-privileges:true");

        Quantity limit = deployed.getResources().getLimits().get("memory");
        assertThat(processor.path("mem_limit").asText()).isEqualTo((Quantity.getAmountInBytes(limit).longValue() >> 20) + "m");
        int grace = Integer.parseInt(processor.path("stop_grace_period").asText().replace("s", ""));
        int shutdownTimeout = Integer.parseInt(environment.getOrDefault("SHUTDOWN_TIMEOUT_SECONDS",
                Manifests.applicationDefaults().get("SHUTDOWN_TIMEOUT_SECONDS")));
        assertThat(grace).isGreaterThanOrEqualTo(shutdownTimeout + 10);
        int port = Integer.parseInt(environment.getOrDefault("HTTP_PORT", Manifests.applicationDefaults().get("HTTP_PORT")));
        assertThat(processor.path("ports").get(0).asText()).endsWith(":" + port);
    }

    @Test
    void everyImageIsPinnedByTag() {
        compose.path("services").forEach(service -> {
            String image = service.path("image").asText();
            assertThat(image).contains(":").doesNotEndWith(":latest");
        });
    }
}

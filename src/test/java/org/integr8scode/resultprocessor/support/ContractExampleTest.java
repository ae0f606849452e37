package org.integr8scode.resultprocessor.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The comparison with the contract's examples passes only what the example says: an event built from the example
 * as the processor would publish it passes, and each way of departing from it fails, naming the field.
 */
class ContractExampleTest {

    private static final String EXECUTION = "5a1f3c7e-2b4d-4e6f-8a9b-0c1d2e3f4a5b";

    /** result_stored of EXECUTION, as the processor publishes it. */
    private static ObjectNode published() {
        ObjectNode event = TestEvents.example("result_stored");
        event.put("event_id", UUID.nameUUIDFromBytes(("result_stored:" + EXECUTION).getBytes(StandardCharsets.UTF_8))
                .toString());
        event.put("timestamp", "2026-12-03T06:11:12.123456Z");
        ((ObjectNode) event.get("metadata")).put("service_version", ContractExample.applicationVersion());
        event.put("execution_id", EXECUTION).put("aggregate_id", EXECUTION).put("storage_path", EXECUTION);
        return event;
    }

    @Test
    void anEventAsTheExampleHasItPasses() {
        assertThatCode(() -> ContractExample.assertMatches("result_stored", EXECUTION, published()))
                .doesNotThrowAnyException();
    }

    @Test
    void aValueOtherThanTheExamplesFailsNamingItsField() {
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().put("size_bytes", 7))).hasMessageContaining("/size_bytes");
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().put("storage_path", "elsewhere"))).hasMessageContaining("/storage_path");
    }

    @Test
    void aFieldMissingAddedOrOfAnotherTypeFails() {
        ObjectNode missing = published();
        missing.remove("storage_type");
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION, missing))
                .hasMessageContaining("/storage_type");
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().put("trace", "x"))).hasMessageContaining("/trace");
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().put("size_bytes", "6"))).hasMessageContaining("/size_bytes");
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().putNull("status"))).hasMessageContaining("/status");
    }

    @Test
    void placeholdersAreCheckedByWhatTheySay() {
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().put("event_id", UUID.randomUUID().toString()))).hasMessageContaining("/event_id");
        ObjectNode otherVersion = published();
        ((ObjectNode) otherVersion.get("metadata")).put("service_version", "0.0.0-other");
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION, otherVersion))
                .hasMessageContaining("/metadata/service_version");
    }

    @Test
    void aMomentMustHaveTheExamplesForm() {
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", EXECUTION,
                published().put("timestamp", "2026-12-03T06:11:12.123Z"))).hasMessageContaining("/timestamp");
    }

    @Test
    void theEventMustBeAboutTheGivenExecution() {
        assertThatThrownBy(() -> ContractExample.assertMatches("result_stored", UUID.randomUUID().toString(),
                published())).hasMessageContaining("/execution_id");
    }
}

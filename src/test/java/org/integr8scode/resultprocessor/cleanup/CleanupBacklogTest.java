package org.integr8scode.resultprocessor.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The clean-up queue's counts are executions, not batches: what waits on the queue is the backlog, and what is still
 * queued when the application begins to stop is dropped, counted and left to the sweep instead of being run, and
 * from then on nothing more is queued.
 */
class CleanupBacklogTest {

    @Test
    void whatWaitsIsCountedInExecutionsAndWhatIsQueuedAtStopIsLeftToTheSweep() throws Exception {
        CleanupBacklog backlog = new CleanupBacklog();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(backlog);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // not started: nothing takes the batches off the queue
                    from("seda:clean-up-executions?size=5").routeId(CleanupBacklog.ROUTE).autoStartup(false)
                            .log("never");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("seda:clean-up-executions?size=5", List.of("a", "b", "c"));
            camel.createProducerTemplate().sendBody("seda:clean-up-executions?size=5", List.of("d", "e"));

            assertThat(backlog.backlog()).as("two batches, five executions waiting").isEqualTo(5);
            assertThat(backlog.dropped()).isZero();
            assertThat(backlog.isClosed()).isFalse();

            camel.stop();
            assertThat(backlog.dropped()).as("the five executions still queued, left to the sweep").isEqualTo(5);
            assertThat(backlog.backlog()).isZero();
            assertThat(backlog.isClosed()).as("nothing more is queued (queue-clean-up)").isTrue();
        }
    }

    @Test
    void aBatchTheQueueRefusedCountsItsExecutions() {
        CleanupBacklog backlog = new CleanupBacklog();
        backlog.drop(List.of("a", "b", "c"));
        assertThat(backlog.dropped()).isEqualTo(3);
    }
}

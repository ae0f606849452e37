package org.integr8scode.resultprocessor.publish;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.integr8scode.resultprocessor.trace.RecordTracing;

/** What goes out to Kafka: the result events, the dead letters' headers, and which headers may cross. */
public class PublishConfiguration implements CamelConfiguration {

    @BindToRegistry
    public ResultEvents resultEvents(@PropertyInject("service.version") String serviceVersion) {
        return new ResultEvents(serviceVersion);
    }

    @BindToRegistry
    public ResultMessages resultMessages(ResultEvents resultEvents, @BeanInject("eventMapper") ObjectMapper eventMapper,
                                         RecordTracing recordTracing,
                                         @PropertyInject("topic.result-stored") String storedTopic,
                                         @PropertyInject("topic.result-failed") String failedTopic) {
        return new ResultMessages(resultEvents, eventMapper, recordTracing, Clock.systemUTC(), storedTopic, failedTopic);
    }

    @BindToRegistry
    public EventOutbox eventOutbox() {
        return new EventOutbox(Clock.systemUTC());
    }

    @BindToRegistry
    public DeadLetterHeaders deadLetterHeaders() {
        return new DeadLetterHeaders(Clock.systemUTC());
    }

    @BindToRegistry
    public ContractHeaderFilter contractHeaderFilter() {
        return new ContractHeaderFilter();
    }
}

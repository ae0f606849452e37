package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** How events are read: the strict mapper the routes' camel-jackson data format uses, and the reader. */
public class EventConfiguration implements CamelConfiguration {

    /** Events are shallow: a deeper document is refused early, before it can cost anything. */
    private static final int MAX_EVENT_NESTING = 64;

    private final ObjectMapper eventMapper = strictEventMapper();

    /**
     * Reads events strictly: a value of the wrong JSON type (a string for an int, a float for an int, a number
     * for a string) is refused rather than coerced; unknown fields are ignored, as the contract says.
     */
    @BindToRegistry
    public ObjectMapper eventMapper() {
        return eventMapper;
    }

    @PropertyInject("topic.execution-completed")
    private String completedTopic;

    @PropertyInject("topic.execution-failed")
    private String failedTopic;

    @PropertyInject("topic.execution-timeout")
    private String timeoutTopic;

    @BindToRegistry
    public EventReader eventReader() {
        return new EventReader(eventMapper, completedTopic, failedTopic, timeoutTopic);
    }

    private static ObjectMapper strictEventMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_EVENT_NESTING)
                .maxStringLength(Integer.MAX_VALUE)
                .build());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }
}

package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The {@code metadata} object every event carries. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventMetadata(String serviceName, String serviceVersion, String userId, String environment) {
}

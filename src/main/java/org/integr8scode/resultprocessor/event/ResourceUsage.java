package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What the executor pod measured; an absent field reads as 0, as the contract says. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceUsage(double executionTimeWallSeconds, long cpuTimeJiffies, long clkTckHertz, long peakMemoryKb) {
}

package org.integr8scode.resultprocessor.benchmark;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one subject measured, its peak figures the medians of its {@code rounds}; {@code failure} is set instead when
 * it could not be measured.
 */
record Measurement(String subject, int peakEvents, double eventsPerSecond, double cpuMillisPerEvent,
                   double brokerCpuMillisPerEvent, double harnessCpuMillisPerEvent, double othersCores, double p50Millis,
                   double p99Millis, int pacedEvents, double pacedRate, boolean latencyIsResultStored,
                   OptionalLong peakHeapMib, long fullCollections, long largestExecutions, Map<String, Long> anomalies,
                   double quietRate, double quietP50Millis, double quietP99Millis, List<PeakRound> rounds,
                   String failure) {

    static Measurement failed(String subject, String failure) {
        double none = Double.NaN;
        return new Measurement(subject, 0, none, none, none, none, none, none, none, 0, none, false, OptionalLong.empty(), 0,
                0, Map.of(), none, none, none, List.of(), failure);
    }

    boolean ok() {
        return failure == null;
    }

    /** The value at this quantile (nearest rank) of sorted values. */
    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

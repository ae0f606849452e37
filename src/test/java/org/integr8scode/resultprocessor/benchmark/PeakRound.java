package org.integr8scode.resultprocessor.benchmark;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One round of a subject's peak phase: its events answered as fast as it could, and the CPU each process used over
 * that window, per event. A subject's figures are the medians of its rounds ({@link #median}), so that a round
 * another process disturbed, or a moment the machine ran slower, moves them little.
 */
record PeakRound(int events, double seconds, double eventsPerSecond, double cpuMillisPerEvent,
                 double brokerCpuMillisPerEvent, double harnessCpuMillisPerEvent, double othersCores) {

    /** The middle value of the rounds' figures (the mean of the middle two for an even count); NaN for none. */
    static double median(List<PeakRound> rounds, ToDoubleFunction<PeakRound> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

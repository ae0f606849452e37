package org.integr8scode.resultprocessor.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The whole machine's busy CPU time, from the first line of /proc/stat (user, nice, system, irq, softirq and steal,
 * in USER_HZ ticks of 10 ms), so that CPU used by processes other than the benchmark's during a measured phase
 * can be told and reported: on a shared machine they take cores from the subject.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");
    private static final long TICK_NANOS = 10_000_000L;

    private MachineCpu() {
    }

    /** Busy CPU time of the machine so far, or zero where there is no /proc/stat. */
    static Duration busy() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long ticks = 0;
            // cpu user nice system idle iowait irq softirq steal
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += i < fields.length ? Long.parseLong(fields[i]) : 0;
            }
            return Duration.ofNanos(ticks * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }
}

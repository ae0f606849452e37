package org.integr8scode.resultprocessor.benchmark;

import java.time.Duration;

/**
 * CPU time over a measured window: the subject's process, the broker's, the harness's (with the stand-in in it)
 * and the rest of the machine's (whatever else ran meanwhile), from two {@link Reading}s.
 */
record CpuUse(Duration subject, Duration broker, Duration harness, Duration others, Duration wall) {

    /** CPU times so far, read at one moment. */
    record Reading(Duration subject, Duration broker, Duration harness, Duration machine, long nanos) {

        static Reading of(Subject subject, ProcessHandle broker) {
            return new Reading(subject.cpu(), cpuOf(broker), cpuOf(ProcessHandle.current()), MachineCpu.busy(),
                    System.nanoTime());
        }

        private static Duration cpuOf(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        CpuUse since(Reading before) {
            Duration subjectUse = subject.minus(before.subject);
            Duration brokerUse = broker.minus(before.broker);
            Duration harnessUse = harness.minus(before.harness);
            Duration others = machine.minus(before.machine).minus(subjectUse).minus(brokerUse).minus(harnessUse);
            return new CpuUse(subjectUse, brokerUse, harnessUse, others.isNegative() ? Duration.ZERO : others,
                    Duration.ofNanos(nanos - before.nanos));
        }
    }

    static double perEvent(Duration cpu, int events) {
        return cpu.toNanos() / 1e6 / events;
    }

    /** The share of one core that other processes used, on average over the window. */
    double othersCores() {
        return wall.isZero() ? 0 : (double) others.toNanos() / wall.toNanos();
    }
}

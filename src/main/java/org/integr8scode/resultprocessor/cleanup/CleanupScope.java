package org.integr8scode.resultprocessor.cleanup;

/**
 * Where the clean-up and the sweep delete, and how: the one namespace from configuration (never from an event) and
 * the grace period a deleted pod gets.
 */
public record CleanupScope(String namespace, long podGracePeriodSeconds) {

    public CleanupScope {
        if (namespace == null || namespace.isBlank()) {
            // an empty namespace would make some fabric8 and camel-kubernetes calls reach every namespace
            throw new IllegalArgumentException("k8s.namespace must name the executors' namespace");
        }
        if (podGracePeriodSeconds < 0) {
            throw new IllegalArgumentException("cleanup.grace-period-seconds must not be negative");
        }
    }
}

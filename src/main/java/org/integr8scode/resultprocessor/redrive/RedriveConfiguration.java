package org.integr8scode.resultprocessor.redrive;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The beans of the dead-letter re-drive (routes/dlq-redrive.camel.yaml), from its settings (dlq-redrive.*). */
public class RedriveConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RedriveConfiguration.class);

    @PropertyInject("kafka.bootstrap-servers")
    private String bootstrapServers;

    @PropertyInject("topic.dead-letter")
    private String deadLetterTopic;

    @PropertyInject("topic.execution-completed")
    private String completedTopic;

    @PropertyInject("topic.execution-failed")
    private String failedTopic;

    @PropertyInject("topic.execution-timeout")
    private String timeoutTopic;

    @PropertyInject("dlq-redrive.consumer-group")
    private String group;

    @PropertyInject("dlq-redrive.max")
    private int maxRedrives;

    @PropertyInject("dlq-redrive.max-age")
    private String maxAge;

    @PropertyInject(value = "dlq-redrive.error-classes", defaultValue = "")
    private String errorClasses;

    @PropertyInject(value = "dlq-redrive.topics", defaultValue = "")
    private String topics;

    @PropertyInject("dlq-redrive.dry-run")
    private boolean dryRun;

    @PropertyInject("dlq-redrive.check-interval-ms")
    private long checkIntervalMs;

    private final Clock clock = Clock.systemUTC();

    // camel-main calls each @BindToRegistry method twice: the run, which holds a run's state, is made once
    private RedriveRules rules;
    private RedriveRun run;

    @BindToRegistry
    public synchronized RedriveRun dlqRedriveRun() {
        if (run == null) {
            run = new RedriveRun(bootstrapServers, deadLetterTopic, group, dryRun, Duration.ofMillis(checkIntervalMs),
                    summary(rules()), clock);
        }
        return run;
    }

    @BindToRegistry
    public DeadLetterRedrive deadLetterRedrive() {
        return new DeadLetterRedrive(rules(), dlqRedriveRun(), dryRun, clock);
    }

    private synchronized RedriveRules rules() {
        if (rules == null) {
            Set<String> inputs = new LinkedHashSet<>(Arrays.asList(completedTopic, failedTopic, timeoutTopic));
            Set<String> named = list(topics);
            // a dead letter only ever goes back to a topic this processor consumes
            named.stream().filter(topic -> !inputs.contains(topic)).forEach(topic -> LOG.warn(
                    "DLQ_REDRIVE_TOPICS names {}, which is not an input topic of this processor: ignored", topic));
            Set<String> allowed = named.isEmpty() ? inputs
                    : inputs.stream().filter(named::contains).collect(Collectors.toCollection(LinkedHashSet::new));
            rules = new RedriveRules(maxRedrives, Duration.parse(maxAge), allowed, list(errorClasses));
        }
        return rules;
    }

    private static Set<String> list(String setting) {
        return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String summary(RedriveRules rules) {
        return "back to " + rules.topics() + ", reasons " + (rules.errorClasses().isEmpty() ? "any" : rules.errorClasses())
                + ", at most " + rules.maxRedrives() + " re-drives, at most " + rules.maxAge() + " old";
    }
}

package org.integr8scode.resultprocessor.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A test's own lane on the shared broker and database: its topics, consumer group and database, all named after
 * it, so that test classes (and benchmark subjects) never see each other's records or documents. The one place
 * that makes these names, for the in-JVM tests, the reliability tests and the benchmark.
 */
public record TestLane(String name) {

    /** A test class's lane: named after the class. */
    public static TestLane of(Class<?> testClass) {
        return new TestLane(testClass.getSimpleName().toLowerCase(Locale.ROOT));
    }

    public String topic(String topic) {
        return name + "." + topic;
    }

    public String completedTopic() {
        return topic("execution_completed");
    }

    public String failedTopic() {
        return topic("execution_failed");
    }

    public String timeoutTopic() {
        return topic("execution_timeout");
    }

    public String storedTopic() {
        return topic("result_stored");
    }

    public String resultFailedTopic() {
        return topic("result_failed");
    }

    public String deadLetterTopic() {
        return topic("dlq");
    }

    public List<String> inputTopics() {
        return List.of(completedTopic(), failedTopic(), timeoutTopic());
    }

    public List<String> outputTopics() {
        return List.of(storedTopic(), resultFailedTopic(), deadLetterTopic());
    }

    public List<String> topics() {
        return List.of(completedTopic(), failedTopic(), timeoutTopic(), storedTopic(), resultFailedTopic(),
                deadLetterTopic());
    }

    public String group() {
        return name + "-group";
    }

    /** The dead-letter re-drive's own consumer group, apart from the processing one. */
    public String redriveGroup() {
        return name + "-redrive";
    }

    public String database() {
        return name;
    }

    /** Its topics, each with its partitions, created and led before the test publishes anything. */
    public TestLane createTopics(String bootstrapServers, int partitions) {
        Topics.createAndAwaitLeaders(bootstrapServers, topics(), partitions);
        return this;
    }

    /**
     * The application's settings (application.properties' names) that put an instance on this lane, with the
     * Kubernetes clean-up off (the lane has no cluster).
     */
    public Map<String, String> settings(String bootstrapServers, String mongoUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap-servers", bootstrapServers);
        settings.put("kafka.consumer-group", group());
        settings.put("mongodb.url", mongoUrl);
        settings.put("mongodb.database", database());
        settings.put("topic.execution-completed", completedTopic());
        settings.put("topic.execution-failed", failedTopic());
        settings.put("topic.execution-timeout", timeoutTopic());
        settings.put("topic.result-stored", storedTopic());
        settings.put("topic.result-failed", resultFailedTopic());
        settings.put("topic.dead-letter", deadLetterTopic());
        settings.put("cleanup.enabled", "false");
        return settings;
    }

    /** The same, as override properties of an in-JVM application. */
    public Properties properties(String bootstrapServers, String mongoUrl) {
        Properties properties = new Properties();
        properties.putAll(settings(bootstrapServers, mongoUrl));
        return properties;
    }

    /**
     * The same, as the environment of an application process: application.properties reads each of these settings
     * from the variable of its name in capitals, dots and dashes as underscores.
     */
    public Map<String, String> environment(String bootstrapServers, String mongoUrl) {
        Map<String, String> environment = new LinkedHashMap<>();
        settings(bootstrapServers, mongoUrl).forEach((setting, value) ->
                environment.put(setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return environment;
    }
}

package org.integr8scode.resultprocessor.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A published event (or stored document) held against the contract's example of it in
 * src/test/resources/contract-examples: the same fields, each of the same JSON type and the same value, but for
 * what an example cannot know in advance:
 * <ul>
 * <li>its placeholders, {@code "<...>"}, each checked by what it says (a name-based UUID, the application's version);
 * <li>the execution it is about: the example's execution_id stands for the one given, wherever it appears
 * (aggregate_id, storage_path, an error's text);
 * <li>the moments the processor stamps with its clock: the example's form, digit for digit.
 * </ul>
 */
public final class ContractExample {

    private static final Pattern NAME_BASED_EVENT_ID =
            Pattern.compile("<name-based UUID derived from '(\\w+)' and the execution_id[^>]*>");
    private static final String APPLICATION_VERSION = "<the application's version>";
    private static final String PUBLISHED_RESULT_STORED_ID = "<the published result_stored's event_id>";
    private static final Pattern ANY = Pattern.compile("<any: [^>]*>");
    private static final Pattern MOMENT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    private final JsonNode example;
    private final String exampleExecutionId;
    private final String executionId;

    private ContractExample(String name, String executionId) {
        this.example = TestEvents.example(name);
        this.exampleExecutionId = example.path("execution_id").asText();
        this.executionId = executionId;
    }

    /** Fails, naming every field that differs, unless the event is the example of that name about this execution. */
    public static void assertMatches(String exampleName, String executionId, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        new ContractExample(exampleName, executionId).compare("", actual, differences);
        assertThat(differences).as("%s against contract-examples/%s.json", actual, exampleName).isEmpty();
    }

    /**
     * The application's version, as the build gives it to the tests (pom.xml, {@code application.version}); the
     * application stamps the same into application.properties as service.version.
     */
    public static String applicationVersion() {
        String version = System.getProperty("application.version");
        if (version == null) {
            throw new IllegalStateException("-Dapplication.version is not set: run the tests through Maven (pom.xml "
                    + "sets it to the project's version), or set it to that version");
        }
        return version;
    }

    private void compare(String path, JsonNode actual, List<String> differences) {
        JsonNode expected = example.at(path.isEmpty() ? "" : path);
        if (expected.isObject() && actual != null && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                String fieldPath = path + "/" + field;
                if (!expected.has(field)) {
                    differences.add(fieldPath + ": not in the example, but published as " + actual.get(field));
                } else if (!actual.has(field)) {
                    differences.add(fieldPath + ": in the example (" + expected.get(field) + "), missing");
                } else {
                    compare(fieldPath, actual.get(field), differences);
                }
            }
            return;
        }
        String difference = difference(expected, actual);
        if (difference != null) {
            differences.add(path + ": " + difference);
        }
    }

    /** Why the value differs from the example's, or null when it does not. */
    private String difference(JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && expected.asText().startsWith("<") && expected.asText().endsWith(">")) {
            return placeholder(expected.asText(), actual);
        }
        if (actual == null || expected.getNodeType() != actual.getNodeType()) {
            return "expected " + expected.getNodeType() + " " + expected + ", was " + (actual == null ? "missing"
                    : actual.getNodeType() + " " + actual);
        }
        if (expected.isNumber()) {
            return expected.isIntegralNumber() == actual.isIntegralNumber()
                    && expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : "expected " + expected + ", was " + actual;
        }
        if (expected.isTextual() && MOMENT.matcher(expected.asText()).matches()) {
            return actual.asText().matches(form(expected.asText())) ? null
                    : "a moment of the form " + expected + " expected, was " + actual;
        }
        JsonNode readdressed = expected.isTextual()
                ? TextNode.valueOf(expected.asText().replace(exampleExecutionId, executionId)) : expected;
        return readdressed.equals(actual) ? null : "expected " + readdressed + ", was " + actual;
    }

    /** The pattern of a moment written as the example writes it: any digit where it has one, the rest as it is. */
    private static String form(String moment) {
        StringBuilder form = new StringBuilder();
        moment.chars().forEach(c -> form.append(Character.isDigit(c) ? "\\d" : Pattern.quote(String.valueOf((char) c))));
        return form.toString();
    }

    /** A placeholder checked by what it says; an example with one this cannot check fails, rather than passing it. */
    private String placeholder(String placeholder, JsonNode actual) {
        String expected;
        Matcher nameBased = NAME_BASED_EVENT_ID.matcher(placeholder);
        if (nameBased.matches()) {
            expected = nameBasedEventId(nameBased.group(1));
        } else if (placeholder.equals(PUBLISHED_RESULT_STORED_ID)) {
            expected = nameBasedEventId("result_stored");
        } else if (placeholder.equals(APPLICATION_VERSION)) {
            expected = applicationVersion();
        } else if (ANY.matcher(placeholder).matches()) {
            return actual == null || actual.isNull() ? placeholder + " expected, was " + actual : null;
        } else {
            return "the example's placeholder " + placeholder + " is one this comparison cannot check (ContractExample)";
        }
        return actual != null && actual.isTextual() && actual.asText().equals(expected) ? null
                : "expected \"" + expected + "\" (" + placeholder + "), was " + actual;
    }

    /** A version 3 UUID of {@code "<event_type>:<execution_id>"}, as the contract derives result event ids. */
    private String nameBasedEventId(String eventType) {
        return UUID.nameUUIDFromBytes((eventType + ":" + executionId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

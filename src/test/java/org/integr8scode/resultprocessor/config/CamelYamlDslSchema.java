package org.integr8scode.resultprocessor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON schema of Camel's YAML DSL (schema/camelYamlDsl.json), read from the camel-yaml-dsl jar on the classpath
 * so that it is always the schema of the Camel the processor runs with; what it says of a routes file, one line a
 * violation: "file: path: message".
 */
final class CamelYamlDslSchema {

    static final String RESOURCE = "schema/camelYamlDsl.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> ALTERNATIVES = Set.of("anyOf", "oneOf");

    private final JsonSchema schema;

    CamelYamlDslSchema() {
        try (InputStream in = CamelYamlDslSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AssertionError(RESOURCE + " is not on the classpath (camel-yaml-dsl)");
            }
            // draft-04, as the schema declares; Camel's own "deprecated" is an annotation, not a rule
            JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keyword(new NonValidationKeyword("deprecated")).build();
            JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(VersionFlag.V4))
                    .metaSchema(draft4).build();
            schema = factory.getSchema(new ObjectMapper().readTree(in),
                    SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The violations in one routes file. Where a value may take one of several forms (anyOf, oneOf) and takes none,
     * the schema answers for every form it tried: those answers make one violation, at the value, followed in
     * brackets by what was refused beneath it (a boolean where a string is due).
     */
    List<String> violations(String file, String yaml) {
        List<String> lines = new ArrayList<>();
        for (JsonNode document : documents(yaml)) {
            Map<String, List<ValidationMessage>> byRule = schema.validate(document).stream()
                    .collect(Collectors.groupingBy(answer -> rule(answer.getEvaluationPath()), LinkedHashMap::new,
                            Collectors.toList()));
            byRule.values().stream().flatMap(answers -> byValue(answers).stream())
                    .sorted((a, b) -> inFileOrder(a.value(), b.value()))
                    .forEach(violation -> lines.add(file + ": " + violation));
        }
        return lines;
    }

    /** Path by path, list items by their number (steps/7 before steps/12), a value before what lies beneath it. */
    private static int inFileOrder(JsonNodePath a, JsonNodePath b) {
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()); i++) {
            Object x = a.getElement(i);
            Object y = b.getElement(i);
            int order = x instanceof Integer m && y instanceof Integer n ? Integer.compare(m, n)
                    : String.valueOf(x).compareTo(String.valueOf(y));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    /** One rule's answers, by the value each concerns: the same rule fails apart on two steps of one list. */
    private static List<Violation> byValue(List<ValidationMessage> answers) {
        List<Violation> violations = new ArrayList<>();
        answers.stream().sorted(Comparator.comparingInt((ValidationMessage a) -> a.getInstanceLocation().getNameCount())
                        .thenComparing(ValidationMessage::getMessage))
                .forEach(answer -> violations.stream()
                        .filter(violation -> answer.getInstanceLocation().startsWith(violation.value())).findFirst()
                        .orElseGet(() -> {
                            Violation violation = new Violation(answer.getInstanceLocation(), new ArrayList<>());
                            violations.add(violation);
                            return violation;
                        }).answers().add(answer));
        return violations;
    }

    /** The answers the schema gave about one value (a step, a field), the shallowest first. */
    private record Violation(JsonNodePath value, List<ValidationMessage> answers) {

        @Override
        public String toString() {
            if (answers.size() == 1) {
                return value + ": " + error(answers.get(0));
            }
            List<ValidationMessage> beneath = answers.stream()
                    .filter(answer -> !answer.getInstanceLocation().equals(value))
                    .filter(answer -> !ALTERNATIVES.contains(answer.getType())).toList();
            String refused = (beneath.isEmpty() ? answers : beneath).stream()
                    .map(answer -> answer.getInstanceLocation().toString().substring(value.toString().length())
                            + (answer.getInstanceLocation().equals(value) ? "" : ": ") + error(answer))
                    .distinct().collect(Collectors.joining("; "));
            return value + ": takes none of the forms the schema allows (" + refused + ")";
        }
    }

    /** The message without the path it starts with. */
    private static String error(ValidationMessage answer) {
        String prefix = answer.getInstanceLocation() + ": ";
        String message = answer.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The rule an answer comes from: its evaluation path, up to the first set of alternatives on it. */
    private static String rule(JsonNodePath evaluation) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < evaluation.getNameCount(); i++) {
            rule.append('/').append(evaluation.getName(i));
            if (ALTERNATIVES.contains(evaluation.getName(i))) {
                break;
            }
        }
        return rule.toString();
    }

    private static List<JsonNode> documents(String yaml) {
        // one document at a time (readValues would take the items of a top-level list for documents)
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            while (parser.nextToken() != null) {
                documents.add(YAML.readTree(parser));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

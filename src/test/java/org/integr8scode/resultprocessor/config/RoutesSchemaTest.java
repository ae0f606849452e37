package org.integr8scode.resultprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every routes/*.camel.yaml passes the JSON schema of Camel's YAML DSL, the schema Kaoto and the Camel extension for
 * VS Code check routes with, as the camel-yaml-dsl jar the processor runs with has it. Camel's runtime forgives some
 * of what the schema refuses (a placeholder where a boolean is due); the editor an operator opens the file in does
 * not, and a later Camel may not either.
 */
class RoutesSchemaTest {

    private final CamelYamlDslSchema schema = new CamelYamlDslSchema();

    @Test
    void everyRoutesFilePassesCamelsYamlDslSchema() throws IOException {
        List<Path> files;
        try (var listing = Files.list(Path.of("routes"))) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            violations.addAll(schema.violations(file.toString(), Files.readString(file)));
        }

        assertThat(files).as("routes/*.camel.yaml").isNotEmpty();
        assertThat(violations).withFailMessage("%d violations of %s in %d routes files:%n%s", violations.size(),
                CamelYamlDslSchema.RESOURCE, files.size(), String.join("\n", violations)).isEmpty();
    }

    @Test
    void eachViolationIsReportedWithItsFileItsPathAndWhatTheSchemaWants() {
        List<String> violations = schema.violations("routes/switched.camel.yaml", """
                - route:
                    id: switched
                    autoStartup: "{{switched.enabled}}"
                    from:
                      uri: direct:switched
                      steps:
                        - setHeader:
                            name: Ordered
                            constant: false
                        - setHeader:
                            name: Ordered
                            constant: "false"
                        - setHeader:
                            name: Ordered
                            constant: true
                - route:
                    id: also-switched
                    autoStartup: "{{also-switched.enabled}}"
                    from:
                      uri: direct:also-switched
                      steps:
                        - log: "fine"
                """);

        String constantRefused = ": takes none of the forms the schema allows"
                + " (/constant: boolean found, object expected; /constant: boolean found, string expected)";
        assertThat(violations).containsExactly(
                "routes/switched.camel.yaml: /0/route/autoStartup: string found, boolean expected",
                "routes/switched.camel.yaml: /0/route/from/steps/0/setHeader" + constantRefused,
                "routes/switched.camel.yaml: /0/route/from/steps/2/setHeader" + constantRefused,
                "routes/switched.camel.yaml: /1/route/autoStartup: string found, boolean expected");
    }
}

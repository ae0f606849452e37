package org.integr8scode.resultprocessor.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.integr8scode.resultprocessor.deploy.Manifests;
import org.junit.jupiter.api.Test;

/**
 * The defaults the documents give in their settings tables (README.md, docs/*.md: a row naming variables, then their
 * defaults) are those of application.properties, where every setting's default lives; a default changed there
 * and not in a document fails here.
 */
class DocumentedDefaultsTest {

    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
    /** A defaults cell: `a`, `b`, ... at its start, or "(none)" and the like for no default. */
    private static final Pattern DEFAULTS = Pattern.compile("^`[^`]*`(, `[^`]*`)*");
    private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");

    private final Map<String, String> defaults = Manifests.applicationDefaults();

    @Test
    void everyDefaultADocumentGivesIsTheApplicationsDefault() {
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path document : Documents.all()) {
            for (List<String> row : Documents.tableRows(document)) {
                // a settings row starts with the variables it gives defaults for
                List<String> variables = quoted(VARIABLE, row.get(0)).stream().filter(defaults::containsKey).toList();
                if (!VARIABLE.matcher(row.get(0)).lookingAt() || variables.isEmpty() || row.size() < 2) {
                    continue;
                }
                List<String> given = given(row.get(1));
                if (given == null) {
                    continue; // prose, not a default: "the topic names of §1"
                }
                assertThat(given.size()).as("%s: %s gives %d defaults for %d variables", document, row.get(0),
                        given.size(), variables.size()).isIn(1, variables.size());
                for (int i = 0; i < variables.size(); i++) {
                    String variable = variables.get(i);
                    String documented = given.get(given.size() == 1 ? 0 : i);
                    checked.add(variable);
                    if (!documented.equals(defaults.get(variable))) {
                        wrong.add(document + ": " + variable + " = '" + documented + "', application.properties: '"
                                + defaults.get(variable) + "'");
                    }
                }
            }
        }

        assertThat(checked).as("the variables the documents' tables give defaults for").hasSizeGreaterThan(40);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theContractsTopicsAreTheApplicationsDefaultTopics() {
        List<List<String>> topics = Documents.tableRows(Path.of("docs", "contract.md")).stream()
                .filter(row -> row.size() == 5 && row.get(1).matches("`TOPIC_[A-Z_]+`")).toList();

        assertThat(topics).hasSize(6);
        assertThat(topics).allSatisfy(row -> assertThat(unquoted(row.get(0)))
                .isEqualTo(defaults.get(unquoted(row.get(1)))));
    }

    /** The defaults a cell gives: "" for "(none)", "(any)" and the like; null where the cell is prose. */
    private static List<String> given(String cell) {
        if (cell.startsWith("(")) {
            return List.of("");
        }
        Matcher leading = DEFAULTS.matcher(cell);
        return leading.find() ? quoted(QUOTED, leading.group()) : null;
    }

    private static List<String> quoted(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(match -> match.group(1)).toList();
    }

    private static String unquoted(String cell) {
        return cell.substring(1, cell.length() - 1);
    }
}

package org.integr8scode.resultprocessor.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A clone of the repository is whole: every relative link of README.md and docs/*.md leads to a file of the
 * repository, none out of it, and the contract links each of its examples.
 */
class DocumentLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkLeadsToAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : Documents.all()) {
            for (String target : LINK.matcher(Documents.read(document)).results().map(m -> m.group(1)).toList()) {
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue; // https://..., an anchor in the same document
                }
                links++;
                Path file = document.toAbsolutePath().getParent().resolve(target.replaceFirst("#.*", "")).normalize();
                if (!file.startsWith(ROOT) || !Files.exists(file)) {
                    broken.add(document + ": " + target);
                }
            }
        }

        assertThat(links).isGreaterThan(10);
        assertThat(broken).isEmpty();
    }

    @Test
    void theContractLinksEachOfItsExamples() throws IOException {
        String contract = Documents.read(Path.of("docs", "contract.md"));
        List<String> examples;
        try (var listing = Files.list(Path.of("src", "test", "resources", "contract-examples"))) {
            examples = listing.map(file -> file.getFileName().toString()).sorted().toList();
        }

        assertThat(examples).hasSize(7);
        assertThat(examples).allSatisfy(example ->
                assertThat(contract).contains("](../src/test/resources/contract-examples/" + example + ")"));
    }
}

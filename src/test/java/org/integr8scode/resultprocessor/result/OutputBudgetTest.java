package org.integr8scode.resultprocessor.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The cut of stdout and stderr to the budget: the end of each stream, never half a character. */
class OutputBudgetTest {

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void outputWithinTheBudgetIsKeptWhole() {
        OutputBudget.FittedOutput fitted = new OutputBudget(10).fit("hello", "oops!");

        assertThat(fitted.stdout()).isEqualTo("hello");
        assertThat(fitted.stderr()).isEqualTo("oops!");
        assertThat(fitted.truncated()).isFalse();
    }

    @Test
    void aStreamNeedingLessThanHalfKeepsAllOfItAndTheOtherGetsTheRest() {
        OutputBudget.FittedOutput fitted = new OutputBudget(10).fit("0123456789abcdef", "err");

        assertThat(fitted.stderr()).isEqualTo("err");
        assertThat(fitted.stdout()).isEqualTo("9abcdef");
        assertThat(fitted.truncated()).isTrue();
    }

    @Test
    void twoLongStreamsShareTheBudgetHalfAndHalfKeepingTheirEnds() {
        OutputBudget.FittedOutput fitted = new OutputBudget(8).fit("aaaaaaaaOUT!", "bbbbbbbbERR!");

        assertThat(fitted.stdout()).isEqualTo("OUT!");
        assertThat(fitted.stderr()).isEqualTo("ERR!");
    }

    @Test
    void aCutNeverSplitsAMultiByteCharacterNorASurrogatePair() {
        String stdout = "ab€€🌍🌍";  // € is 3 bytes, 🌍 is 4 bytes (two UTF-16 chars)
        OutputBudget.FittedOutput fitted = new OutputBudget(10).fit(stdout, "");

        assertThat(fitted.stdout()).isEqualTo("🌍🌍");
        assertThat(utf8(fitted.stdout())).isLessThanOrEqualTo(10);

        OutputBudget.FittedOutput odd = new OutputBudget(6).fit(stdout, "");
        assertThat(odd.stdout()).isEqualTo("🌍");
    }

    @Test
    void utf8LengthCountsBytesNotCharacters() {
        assertThat(OutputBudget.utf8Length("héllo 🌍 错误")).isEqualTo(utf8("héllo 🌍 错误"));
        assertThat(OutputBudget.utf8Length("")).isZero();
    }

    @Test
    void aZeroBudgetKeepsNothing() {
        OutputBudget.FittedOutput fitted = new OutputBudget(0).fit("out", "err");

        assertThat(fitted.stdout()).isEmpty();
        assertThat(fitted.stderr()).isEmpty();
        assertThat(fitted.truncated()).isTrue();
    }
}

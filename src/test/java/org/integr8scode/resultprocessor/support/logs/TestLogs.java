package org.integr8scode.resultprocessor.support.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;

/**
 * Where a test's logs go: {@code target/test-logs/<test class>.log}, one file a test class, written by
 * logback-test.xml's appender ({@link CurrentTestLog}), so that the console is left to Maven's and the test
 * runner's summaries. The processes a test starts log to files of their own and are attached to the test here,
 * so that a failure can show the tail of each ({@link LogTailOnFailure}).
 */
public final class TestLogs {

    public static final Path DIRECTORY = Path.of("target", "test-logs");

    /**
     * A JVM that runs no test names its file with -Dtest-log.name (the broker process, which has logback-test.xml on
     * its classpath too); a test JVM's lines from before its first test class go to test-jvm.log.
     */
    private static volatile String current = System.getProperty("test-log.name", "test-jvm");
    private static final Set<Path> ATTACHED = new CopyOnWriteArraySet<>();

    private TestLogs() {
    }

    /**
     * From now on the logs go to this test's file, begun afresh (a log left by an earlier run is not this one's),
     * unless they go there already.
     */
    static synchronized void beginIfNew(String testName) {
        if (testName.equals(current)) {
            return;
        }
        ATTACHED.clear();
        try {
            Files.deleteIfExists(DIRECTORY.resolve(testName + ".log"));
        } catch (IOException e) {
            // the appender appends to it: the tail still ends with this run's lines
        }
        current = testName;
    }

    /** The name of the log file the logs go to now, without its directory and ending. */
    public static String current() {
        return current;
    }

    /** The log of a process that the current test started, to be shown with its own on a failure. */
    public static void attach(Path processLog) {
        ATTACHED.add(processLog.toAbsolutePath());
    }

    /** The current test's log, then each attached one's: the last {@code lines} lines of each, under its path. */
    static String tails(int lines) {
        StringBuilder tails = new StringBuilder();
        for (Path log : Stream.concat(Stream.of(DIRECTORY.resolve(current + ".log").toAbsolutePath()),
                ATTACHED.stream()).toList()) {
            tails.append("\n--- the last ").append(lines).append(" lines of ").append(Path.of("").toAbsolutePath()
                    .relativize(log)).append(" ---\n");
            tails.append(String.join("\n", tail(log, lines)));
        }
        return tails.toString();
    }

    private static List<String> tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return List.of("(no log)");
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
        return List.copyOf(last);
    }
}

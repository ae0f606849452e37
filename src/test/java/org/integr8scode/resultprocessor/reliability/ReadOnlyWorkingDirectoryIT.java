package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.integr8scode.resultprocessor.deploy.Manifests;
import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.junit.jupiter.api.Test;

/**
 * The Deployment runs the processor on a read-only root file system with only /tmp writable (deploy/). Here the
 * packaged jar runs, as a user who cannot write there (root's rights dropped with setpriv where the suite runs as
 * root), in a working directory that holds only the routes and is not writable: it starts, stores and publishes
 * every result, stops on SIGTERM, and nothing appears in that directory nor complains of a file it could not write.
 */
class ReadOnlyWorkingDirectoryIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = 60;

    @Test
    void theProcessorWorksWithAWorkingDirectoryItCannotWriteTo() throws Exception {
        Path directory = Path.of("target", "read-only-workdir").toAbsolutePath();
        Path routes = directory.resolve("routes");
        deleteRecursively(directory);
        Files.createDirectories(routes);
        for (Map.Entry<String, String> file : Manifests.routesFiles().entrySet()) {
            Files.writeString(routes.resolve(file.getKey()), file.getValue());
        }
        Files.setPosixFilePermissions(routes, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        List<Path> before = listing(directory);

        // root writes anywhere, whatever the permissions say: run as nobody then, as the pod runs as uid 10001
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> launcher = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
        ProcessorProcess processor = new ProcessorProcess(prefix + "-p", processorEnvironment(mongoServer().connectionString()))
                .inDirectory(directory).launchedBy(launcher).start();
        processors.add(processor);
        Tally tally;
        String probes;
        int exitCode;
        try {
            List<String> ids = givenPublishedTerminalEvents(EXECUTIONS);
            tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(30)).until(processor::probes, "200/200"::equals);
            probes = processor.probes();
            exitCode = processor.terminate();
            assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
        } finally {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(routes, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<Path> after = listing(directory);
        assertThat(after).as("what is in the working directory after the run").isEqualTo(before);
        String log = processor.logSince(0);
        assertThat(log).as("the processor's log").doesNotContain("Permission denied", "Read-only file system",
                "AccessDeniedException", "FileSystemException", "FileNotFoundException", "Failed to create", "Cannot create");
        assertThat(log).contains("Routes startup");
        System.out.printf("ReadOnlyWorkingDirectoryIT: the jar in a read-only working directory%s: %s, probes %s, exit "
                + "code %d on SIGTERM, %d paths there before and %d after%n", root ? " as uid 65534" : "", tally, probes,
                exitCode, before.size(), after.size());
    }

    private static List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.sorted().toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                file.toFile().setWritable(true);
                Files.delete(file);
            }
        }
    }
}

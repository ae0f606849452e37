package org.integr8scode.resultprocessor.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * What the deployment files say and what the code reads: deploy/ rendered by kustomize (`kubectl kustomize`, as an
 * operator renders it) into Kubernetes objects, the Dockerfile's instructions, and the environment variables that
 * application.properties and logback.xml read, with their defaults.
 */
public final class Manifests {

    public static final Path DEPLOY = Path.of("deploy");

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Za-z0-9_]+)(?::([^}]*))?}}");
    private static final Pattern LOGBACK_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):-");

    private Manifests() {
    }

    /** `kubectl kustomize DIR`, parsed. */
    public static List<HasMetadata> render(Path kustomization) {
        String yaml = kustomize(kustomization);
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        }
    }

    public static String kustomize(Path kustomization) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render deploy/ (kubectl kustomize): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Every variable the application reads ({{env:...}} in application.properties, ${...:-} in logback.xml). */
    public static Set<String> variablesTheApplicationReads() {
        Set<String> names = new TreeSet<>(applicationDefaults().keySet());
        Matcher logback = LOGBACK_VARIABLE.matcher(read(Path.of("src/main/resources/logback.xml")));
        while (logback.find()) {
            names.add(logback.group(1));
        }
        return names;
    }

    /** Each variable of application.properties with its default ("" where it has none). */
    public static Map<String, String> applicationDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher placeholder = ENV_PLACEHOLDER.matcher(read(Path.of("src/main/resources/application.properties")));
        while (placeholder.find()) {
            defaults.put(placeholder.group(1), placeholder.group(2) == null ? "" : placeholder.group(2));
        }
        return defaults;
    }

    /** A property of application.properties as written there (placeholders unresolved). */
    public static String applicationProperty(String key) {
        for (String line : read(Path.of("src/main/resources/application.properties")).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("#") && trimmed.contains("=")
                    && trimmed.substring(0, trimmed.indexOf('=')).trim().equals(key)) {
                return trimmed.substring(trimmed.indexOf('=') + 1).trim();
            }
        }
        throw new AssertionError(key + " is not in application.properties");
    }

    /** The value of a Dockerfile instruction in the final stage, e.g. "USER", "WORKDIR" (the last one). */
    public static String dockerfile(String instruction) {
        String value = null;
        for (String line : read(Path.of("Dockerfile")).split("\n")) {
            if (line.startsWith("FROM ")) {
                value = null;
            }
            if (line.startsWith(instruction + " ") || line.startsWith(instruction + "=")) {
                value = line.substring(instruction.length() + 1).trim();
            }
        }
        if (value == null) {
            throw new AssertionError("the Dockerfile's last stage has no " + instruction);
        }
        return value;
    }

    /** The files Camel reads its YAML routes from in this checkout. */
    public static Map<String, String> routesFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        try (var listing = Files.list(Path.of("routes"))) {
            listing.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted()
                    .forEach(file -> files.put(file.getFileName().toString(), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

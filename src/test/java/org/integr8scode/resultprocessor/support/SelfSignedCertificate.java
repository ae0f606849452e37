package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server certificate for 127.0.0.1, its own CA, made with the JDK's keytool: the key store for a TLS server in a
 * test, and the certificate as a PEM file for the client to trust.
 */
public final class SelfSignedCertificate {

    private static final String PASSWORD = "changeit";

    private final Path keyStore;
    private final Path pem;

    public SelfSignedCertificate() {
        try {
            Path directory = Files.createTempDirectory("tls");
            keyStore = directory.resolve("server.p12");
            pem = directory.resolve("ca.pem");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", pem.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The certificate, PEM: what a client trusts as the CA. */
    public Path pem() {
        return pem;
    }

    /** Server sockets that speak TLS with this certificate. */
    public ServerSocketFactory serverSockets() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context.getServerSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException("the test's TLS server sockets", e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        String keytool = ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("keytool").toString()).orElse("keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

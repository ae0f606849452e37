package org.integr8scode.resultprocessor.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to MongoDB with a CA file (PEM), as MONGODB_TLS_CA_FILE names it: the Java driver takes {@code tls=true} from
 * the URL but not {@code tlsCAFile}, so the CA is made into the driver's own SSL context, leaving the JVM's
 * truststore (and Kafka's) as it is.
 */
public final class MongoTls {

    private MongoTls() {
    }

    /** An SSL context that trusts the certificates of the PEM file (one CA or several), and no other. */
    public static SSLContext trusting(Path caFile) {
        try (InputStream pem = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> authorities = CertificateFactory.getInstance("X.509")
                    .generateCertificates(pem);
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException("MONGODB_TLS_CA_FILE " + caFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate authority : authorities) {
                trusted.setCertificateEntry("mongodb-ca-" + index++, authority);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("MONGODB_TLS_CA_FILE " + caFile + " cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("MONGODB_TLS_CA_FILE " + caFile + " is not a PEM certificate file", e);
        }
    }
}

package org.integr8scode.resultprocessor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCredential;

/**
 * MongoDB's user and password from their own settings (MONGODB_USERNAME, MONGODB_PASSWORD or the file
 * MONGODB_PASSWORD_FILE names), so that they need not be in MONGODB_URL; where no user is set, the URL's own
 * credentials (if any) apply, as the driver reads them. Never logs or returns the password in a message.
 */
public final class MongoCredentials {

    private MongoCredentials() {
    }

    /**
     * The credential to use instead of the URL's, or null to keep the URL's. The user authenticates against the
     * URL's {@code authSource}, else the URL's database, else {@code admin} (the driver's own rule); the mechanism
     * is negotiated with the server (SCRAM).
     */
    public static MongoCredential fromSettings(ConnectionString url, String username, String password,
                                               String passwordFile) {
        if (username == null || username.isBlank()) {
            return null;
        }
        char[] secret = passwordFile != null && !passwordFile.isBlank() ? readPasswordFile(Path.of(passwordFile.strip()))
                : (password == null ? "" : password).toCharArray();
        return MongoCredential.createCredential(username, authSource(url), secret);
    }

    private static char[] readPasswordFile(Path file) {
        try {
            // a file written by echo or an editor ends in a line break, which is no part of the password
            return Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "").toCharArray();
        } catch (IOException e) {
            // the file's name only: its content is the secret
            throw new UncheckedIOException("MONGODB_PASSWORD_FILE " + file + " cannot be read", e);
        }
    }

    private static String authSource(ConnectionString url) {
        if (url.getCredential() != null) {
            return url.getCredential().getSource();
        }
        String connection = url.getConnectionString();
        int query = connection.indexOf('?');
        if (query >= 0) {
            for (String option : connection.substring(query + 1).split("[&;]")) {
                int equals = option.indexOf('=');
                if (equals > 0 && option.substring(0, equals).equalsIgnoreCase("authSource")) {
                    return URLDecoder.decode(option.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return url.getDatabase() != null ? url.getDatabase() : "admin";
    }
}

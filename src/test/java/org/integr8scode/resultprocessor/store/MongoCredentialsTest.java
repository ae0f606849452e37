package org.integr8scode.resultprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which user and password the processor gives MongoDB, from MONGODB_URL and MONGODB_USERNAME/PASSWORD(_FILE). */
class MongoCredentialsTest {

    @TempDir
    Path directory;

    @Test
    void withoutAUserTheUrlsOwnCredentialsApply() {
        assertThat(MongoCredentials.fromSettings(url("mongodb://admin:s3cret@mongo:27017/?authSource=admin"), "", "", ""))
                .isNull();
        assertThat(MongoCredentials.fromSettings(url("mongodb://mongo:27017"), null, null, null)).isNull();
    }

    @Test
    void theSeparateSettingsAuthenticateAgainstTheUrlsAuthSourceElseItsDatabaseElseAdmin() {
        MongoCredential credential = MongoCredentials.fromSettings(
                url("mongodb://mongo:27017/integr8scode?tls=true&authSource=users"), "processor", "pa:ss@word", "");
        assertThat(credential.getUserName()).isEqualTo("processor");
        assertThat(credential.getPassword()).containsExactly("pa:ss@word".toCharArray());
        assertThat(credential.getSource()).isEqualTo("users");
        assertThat(MongoCredentials.fromSettings(url("mongodb://mongo:27017/integr8scode"), "processor", "p", "")
                .getSource()).isEqualTo("integr8scode");
        assertThat(MongoCredentials.fromSettings(url("mongodb://mongo:27017"), "processor", "p", "").getSource())
                .isEqualTo("admin");
    }

    @Test
    void theSeparateSettingsWinOverTheUrlsCredentialsAndKeepItsSource() {
        MongoCredential credential = MongoCredentials.fromSettings(
                url("mongodb://old:oldpass@mongo:27017/?authSource=admin"), "processor", "new", "");
        assertThat(credential.getUserName()).isEqualTo("processor");
        assertThat(credential.getPassword()).containsExactly("new".toCharArray());
        assertThat(credential.getSource()).isEqualTo("admin");
    }

    @Test
    void thePasswordFileWinsOverThePasswordAndLosesItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(directory.resolve("password"), "from file\n");
        MongoCredential credential = MongoCredentials.fromSettings(url("mongodb://mongo:27017"), "processor", "ignored",
                file.toString());
        assertThat(credential.getPassword()).containsExactly("from file".toCharArray());
    }

    @Test
    void anUnreadablePasswordFileNamesTheFileNotItsContent() {
        Path missing = directory.resolve("missing");
        assertThatThrownBy(() -> MongoCredentials.fromSettings(url("mongodb://mongo:27017"), "processor", "s3cret",
                missing.toString())).hasMessageContaining(missing.toString()).hasMessageNotContaining("s3cret");
    }

    private static ConnectionString url(String url) {
        return new ConnectionString(url);
    }
}

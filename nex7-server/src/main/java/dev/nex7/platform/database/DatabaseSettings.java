package dev.nex7.platform.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Where NEX7 keeps its relational data. With no {@code url} NEX7 starts its own embedded
 * PostgreSQL with its files under {@code dataDir}; with a {@code url} (env {@code NEX7_DB_URL}) it
 * uses that server instead.
 *
 * @param url JDBC URL of an external PostgreSQL; blank for the embedded one
 * @param username user for the external server
 * @param password password for the external server
 * @param dataDir the directory of the embedded server's files (and NEX7's lock file)
 * @param embeddedPort TCP port of the embedded server on 127.0.0.1; 0 picks a free one
 * @param maxPoolSize connection pool size
 */
@Validated
@ConfigurationProperties("nex7.db")
public record DatabaseSettings(
        String url,
        String username,
        String password,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") @Min(0) @Max(65535) int embeddedPort,
        @DefaultValue("10") @Min(1) @Max(200) int maxPoolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}

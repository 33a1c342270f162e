package dev.nex7.platform.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The data source: the embedded PostgreSQL unless {@code nex7.db.url} names a server. The pool
 * depends on the embedded server bean, which depends on its start-up holder, so on shutdown the
 * pool closes first and the server stops cleanly afterwards.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * Started early by {@link EmbeddedDatabaseStartup}, which also stops it, and which exists only
     * when {@link DatabaseSettings#embedded()} says so.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnBean(name = EmbeddedDatabaseStartup.BEAN_NAME)
    EmbeddedDatabase embeddedDatabase(
            @Qualifier(EmbeddedDatabaseStartup.BEAN_NAME) EmbeddedDatabaseStartup startup) {
        return startup.await();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseSettings settings, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("nex7");
        config.setMaximumPoolSize(settings.maxPoolSize());
        EmbeddedDatabase database = embedded.getIfAvailable();
        if (database != null) {
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(database.username());
            config.setPassword(database.password());
        } else {
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.username());
            config.setPassword(settings.password());
        }
        // Batched inserts (the low-latency mode's execution records) go as multi-row statements.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}

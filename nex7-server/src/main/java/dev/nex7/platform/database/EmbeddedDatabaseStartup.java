package dev.nex7.platform.database;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded PostgreSQL on a background thread as soon as the application context exists,
 * so that the server's start (seconds, more on a fresh data directory) overlaps with Spring creating
 * its beans instead of preceding it. The data source waits for it; this holder stops the server
 * when the context closes, also when start-up failed before anything used the database.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class EmbeddedDatabaseStartup implements DisposableBean {

    static final String BEAN_NAME = "nex7EmbeddedDatabaseStartup";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseStartup.class);

    private final CompletableFuture<EmbeddedDatabase> database;

    private EmbeddedDatabaseStartup(Path dataDir, int port) {
        this.database = CompletableFuture.supplyAsync(() -> EmbeddedDatabase.start(dataDir, port),
                runnable -> Thread.ofPlatform().name("nex7-embedded-postgres").daemon(false).start(runnable));
    }

    /** The running server, waiting for its start if need be; start failures surface here. */
    EmbeddedDatabase await() {
        try {
            return database.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void destroy() throws Exception {
        EmbeddedDatabase started;
        try {
            started = database.join();
        } catch (CompletionException e) {
            return;
        }
        log.info("Stopping the embedded PostgreSQL");
        started.close();
    }

    /** Kicks off the start when the settings ask for the embedded database. */
    public static final class Trigger implements ApplicationListener<ApplicationContextInitializedEvent> {

        @Override
        public void onApplicationEvent(ApplicationContextInitializedEvent event) {
            Environment environment = event.getApplicationContext().getEnvironment();
            if (!environment.getProperty("nex7.db.url", "").isBlank()) {
                return;
            }
            Path dataDir = Path.of(environment.getProperty("nex7.db.data-dir", "./data"));
            int port = environment.getProperty("nex7.db.embedded-port", Integer.class, 0);
            EmbeddedDatabaseStartup startup = new EmbeddedDatabaseStartup(dataDir, port);
            // A bean definition, not registerSingleton: only beans Spring creates get their destroy
            // callback, in dependency order (after the connection pool that uses the server).
            ((BeanDefinitionRegistry) event.getApplicationContext()).registerBeanDefinition(BEAN_NAME,
                    BeanDefinitionBuilder.genericBeanDefinition(EmbeddedDatabaseStartup.class, () -> startup)
                            .getBeanDefinition());
        }
    }
}

package dev.nex7.platform.database;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Starts the embedded PostgreSQL on a background thread as soon as the application context exists,
 * so that the server's start (seconds, more on a fresh data directory) overlaps with Spring creating
 * its beans instead of preceding it. The data source waits for it; this holder stops the server
 * when the context closes, and also when start-up fails, whether or not anything used the database.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class EmbeddedDatabaseStartup implements DisposableBean {

    static final String BEAN_NAME = "nex7EmbeddedDatabaseStartup";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseStartup.class);

    private final CompletableFuture<EmbeddedDatabase> database;
    private final AtomicBoolean stopped = new AtomicBoolean();

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
        if (stopped.getAndSet(true)) {
            return;
        }
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
            DatabaseSettings settings = Binder.get(event.getApplicationContext().getEnvironment())
                    .bindOrCreate("nex7.db", DatabaseSettings.class);
            if (!settings.embedded()) {
                return;
            }
            EmbeddedDatabaseStartup startup = new EmbeddedDatabaseStartup(settings.dataDir(), settings.embeddedPort());
            ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
            beans.registerSingleton(BEAN_NAME, startup);
            // A registered singleton gets no destroy callback by itself. Registered as disposable
            // now, it is stopped when the context closes and also when refresh fails early; beans
            // that depend on it (the data source) are destroyed before it.
            ((DefaultSingletonBeanRegistry) beans).registerDisposableBean(BEAN_NAME, startup);
        }
    }
}

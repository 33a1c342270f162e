package dev.nex7.platform.secret;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nex7.platform.database.DatabaseSettings;

/** The one {@link SecretBox} of the application. */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretConfiguration.class);

    @Bean
    SecretBox secretBox(SecretSettings settings, DatabaseSettings database) {
        SecretBox box = SecretBox.load(settings, database.dataDir());
        if (!box.external() && !database.embedded()) {
            log.warn("NEX7 uses an external database but keeps its master key in a local file; every instance that"
                    + " shares the database must use the same key: set NEX7_MASTER_KEY on all of them");
        }
        log.info("Secrets are sealed with master key {} ({} key(s) configured)", box.activeKeyId(), box.keyIds().size());
        return box;
    }
}

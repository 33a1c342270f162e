package dev.nex7;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * NEX7: one deployable, a modular monolith. Each top-level package under {@code dev.nex7} is an
 * application module whose base package is its public API (see {@code ModularityTests}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Nex7Application {

    public static void main(String[] args) {
        SpringApplication.run(Nex7Application.class, args);
    }
}

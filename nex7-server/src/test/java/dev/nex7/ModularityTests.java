package dev.nex7;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries hold: no cycles, no reaching into another module's internals. */
class ModularityTests {

    // The plugin SDK (dev.nex7.plugin.., from the Spring-free nex7-plugin-api jar) is a library every
    // module may use, not an application module with internals to protect.
    private final ApplicationModules modules = ApplicationModules.of(Nex7Application.class, resideInAPackage("dev.nex7.plugin.."));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}

package dev.nex7;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries hold: no cycles, no reaching into another module's internals. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(Nex7Application.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}

package dev.nex7;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/** The module boundaries hold: no cycles, no reaching into another module's internals. */
class ModularityTests {

    /**
     * The plugin SDK ({@code nex7-plugin-api}) shares the {@code dev.nex7} base package but is a
     * library every module may use, not an application module of this server.
     */
    private static final DescribedPredicate<JavaClass> PLUGIN_SDK = DescribedPredicate.describe("the plugin SDK",
            type -> type.getSource().map(source -> source.getUri().toString().contains("nex7-plugin-api")).orElse(false));

    private final ApplicationModules modules = ApplicationModules.of(Nex7Application.class, PLUGIN_SDK);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}

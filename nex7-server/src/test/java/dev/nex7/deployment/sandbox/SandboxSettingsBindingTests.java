package dev.nex7.deployment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.DeploymentSettings.Sandbox.Isolation;

class SandboxSettingsBindingTests {

    @Test
    void withNothingSetTheSandboxHasItsDefaults() {
        DeploymentSettings settings = bind(Map.of());

        assertThat(settings).isEqualTo(DeploymentSettings.defaults());
        assertThat(settings.sandbox()).isEqualTo(DeploymentSettings.Sandbox.defaults());
    }

    @Test
    void sandboxPropertiesBindUnderNex7DeploymentSandbox() {
        DeploymentSettings settings = bind(Map.of(
                "nex7.deployment.max-findings", "50",
                "nex7.deployment.sandbox.root", "/srv/nex7/builds",
                "nex7.deployment.sandbox.isolation", "namespace",
                "nex7.deployment.sandbox.max-concurrent-builds", "4",
                "nex7.deployment.sandbox.timeout", "5m",
                "nex7.deployment.sandbox.memory", "1GB",
                "nex7.deployment.sandbox.max-output", "512KB",
                "nex7.deployment.sandbox.npm-registry", "http://127.0.0.1:4873/",
                "nex7.deployment.sandbox.cgroups", "false",
                "nex7.deployment.sandbox.hidden-paths", "/etc/nex7,/srv/secrets"));

        DeploymentSettings.Sandbox sandbox = settings.sandbox();
        assertThat(settings.maxFindings()).isEqualTo(50);
        assertThat(sandbox.root()).isEqualTo(Path.of("/srv/nex7/builds"));
        assertThat(sandbox.isolation()).isEqualTo(Isolation.NAMESPACE);
        assertThat(sandbox.maxConcurrentBuilds()).isEqualTo(4);
        assertThat(sandbox.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(sandbox.queueTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(sandbox.memory()).isEqualTo(DataSize.ofGigabytes(1));
        assertThat(sandbox.maxOutput()).isEqualTo(DataSize.ofKilobytes(512));
        assertThat(sandbox.npmRegistry()).isEqualTo("http://127.0.0.1:4873/");
        assertThat(sandbox.cgroups()).isFalse();
        assertThat(sandbox.hiddenPaths()).containsExactly(Path.of("/etc/nex7"), Path.of("/srv/secrets"));
    }

    private static DeploymentSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nex7.deployment", DeploymentSettings.class);
    }
}

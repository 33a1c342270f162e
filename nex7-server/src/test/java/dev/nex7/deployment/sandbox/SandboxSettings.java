package dev.nex7.deployment.sandbox;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

import dev.nex7.deployment.DeploymentSettings.Sandbox;
import dev.nex7.deployment.DeploymentSettings.Sandbox.Isolation;

/** Sandbox settings for tests. */
final class SandboxSettings {

    private SandboxSettings() {
    }

    static Sandbox defaults() {
        return Sandbox.defaults();
    }

    /** A plain child process with only its rlimit: no namespaces, no cgroup. */
    static Sandbox plainProcess() {
        return of(Isolation.PROCESS, false, 2, Duration.ofMinutes(1));
    }

    static Sandbox of(Isolation isolation, boolean cgroups, int concurrentBuilds, Duration queueTimeout) {
        return new Sandbox(null, isolation, concurrentBuilds, queueTimeout, Duration.ofMinutes(15), DataSize.ofGigabytes(2),
                DataSize.ofMegabytes(2), null, null, cgroups, null, List.of());
    }

    static Sandbox withPath(String path) {
        return new Sandbox(null, Isolation.AUTO, 2, Duration.ofMinutes(30), Duration.ofMinutes(15), DataSize.ofGigabytes(2),
                DataSize.ofMegabytes(2), path, null, true, null, List.of());
    }

    static Sandbox withRegistry(String registry) {
        return new Sandbox(null, Isolation.AUTO, 2, Duration.ofMinutes(30), Duration.ofMinutes(15), DataSize.ofGigabytes(2),
                DataSize.ofMegabytes(2), null, registry, true, null, List.of());
    }
}

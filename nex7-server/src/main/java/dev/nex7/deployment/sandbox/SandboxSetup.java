package dev.nex7.deployment.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.DeploymentSettings.Sandbox.Isolation;

/** What is decided once, on first use: the root's real place, the isolation, the memory cgroups. */
record SandboxSetup(Path root, Path internal, Path runs, Path npmCache, BuildEnvironment environment,
        Optional<Bubblewrap> bubblewrap, Optional<MemoryCgroups> cgroups, List<Path> hidden, List<Path> readable,
        String unusable) {

    private static final Logger log = LoggerFactory.getLogger(SandboxSetup.class);

    static SandboxSetup of(DeploymentSettings.Sandbox settings, Path configuredRoot, List<Path> hiddenPaths) {
        try {
            Files.createDirectories(configuredRoot);
            Path root = configuredRoot.toRealPath();
            Path internal = root.resolve(".sandbox");
            Path runs = Files.createDirectories(internal.resolve("runs"));
            Path npmCache = Files.createDirectories(internal.resolve("npm-cache"));
            removeAbandonedRuns(runs);
            String serverPath = System.getenv("PATH");
            String path = settings.path() != null && !settings.path().isBlank() ? settings.path().strip()
                    : BuildEnvironment.defaultPath(serverPath);
            BuildEnvironment environment = new BuildEnvironment(path, settings.npmRegistry(), npmCache);
            List<Path> hidden = real(hiddenPaths);
            Optional<Bubblewrap> bubblewrap = Optional.empty();
            String unusable = null;
            String finding = "not tried";
            if (settings.isolation() != Isolation.PROCESS) {
                Bubblewrap.Probe probe = Bubblewrap.probe(serverPath + File.pathSeparator + BuildEnvironment.SYSTEM_PATH);
                bubblewrap = probe.bubblewrap();
                finding = probe.finding();
                if (bubblewrap.isEmpty() && settings.isolation() == Isolation.NAMESPACE) {
                    unusable = "Builds need namespace isolation (nex7.deployment.sandbox.isolation=namespace), but " + finding;
                    log.error(unusable);
                }
            }
            Optional<MemoryCgroups> cgroups = settings.cgroups() ? MemoryCgroups.find(settings.cgroupParent()) : Optional.empty();
            log.info("Build sandbox in {}: {} isolation ({}), memory limit {} per process{}", root,
                    bubblewrap.isPresent() ? "namespace" : "process", finding, settings.memory().toMegabytes() + "MB",
                    cgroups.map(found -> " and per build in memory cgroups under " + found.parent()).orElse(""));
            return new SandboxSetup(root, internal, runs, npmCache, environment, bubblewrap, cgroups, hidden,
                    Bubblewrap.toShowAgain(real(environment.pathEntries()), hidden), unusable);
        } catch (IOException e) {
            throw new UncheckedIOException("The build sandbox cannot use " + configuredRoot, e);
        }
    }

    private static List<Path> real(List<Path> paths) {
        List<Path> real = new ArrayList<>();
        for (Path path : paths) {
            try {
                Path resolved = path.toRealPath();
                if (resolved.getNameCount() > 0 && Files.isDirectory(resolved) && !real.contains(resolved)) {
                    real.add(resolved);
                }
            } catch (IOException e) {
                // A directory that does not exist has nothing to hide or show.
            }
        }
        return real;
    }

    /** Run directories of servers that died mid-build. */
    private static void removeAbandonedRuns(Path runs) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(runs)) {
            for (Path entry : entries) {
                String pid = entry.getFileName().toString().split("-")[0];
                if (pid.chars().allMatch(Character::isDigit) && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    BuildSandbox.deleteQuietly(entry);
                }
            }
        }
    }
}

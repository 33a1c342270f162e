package dev.nex7.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A local npm registry speaking the registry's real wire format (a packument per package, with
 * {@code dist.tarball}, {@code dist.shasum} and {@code dist.integrity}, and gzipped tarballs whose
 * files sit under {@code package/}), so builds and fixes install packages without the internet.
 */
public final class FakeNpmRegistry implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public FakeNpmRegistry() {
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    public int port() {
        return server.port();
    }

    /** Publishes {@code name@version} made of {@code files} (relative path → text; package.json is written for it). */
    public void publish(String name, String version, Map<String, String> files) {
        try {
            Path folder = Files.createTempDirectory("npm-package-");
            Path root = folder.resolve("package");
            Files.createDirectories(root);
            Files.writeString(root.resolve("package.json"), JSON.writeValueAsString(Map.of("name", name, "version", version,
                    "main", "index.js", "types", "index.d.ts")));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Path tarball = folder.resolve("package.tgz");
            Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", folder.toString(), "package").inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar failed");
            }
            publishTarball(name, version, Files.readAllBytes(tarball), Map.of());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Publishes a package from the folder it is installed in (packed by {@code npm pack}, offline). */
    public void publishFolder(String name, String version, Path installed) {
        try {
            Path folder = Files.createTempDirectory("npm-pack-");
            Process pack = new ProcessBuilder("npm", "pack", installed.toString(), "--pack-destination", folder.toString(), "--silent")
                    .redirectErrorStream(true).start();
            String output = new String(pack.getInputStream().readAllBytes());
            if (pack.waitFor() != 0) {
                throw new IllegalStateException("npm pack failed: " + output);
            }
            // npm links binaries and installs dependencies from what the packument says, as the real registry copies it from package.json
            Map<String, Object> manifest = JSON.readValue(Files.readString(installed.resolve("package.json")),
                    new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
                    });
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            for (String field : List.of("bin", "dependencies", "engines")) {
                if (manifest.containsKey(field)) {
                    fields.put(field, manifest.get(field));
                }
            }
            try (var packed = Files.list(folder)) {
                publishTarball(name, version, Files.readAllBytes(packed.filter(file -> file.toString().endsWith(".tgz")).findFirst().orElseThrow()),
                        fields);
            }
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private void publishTarball(String name, String version, byte[] bytes, Map<String, Object> manifestFields) {
        String file = (name.contains("/") ? name.substring(name.indexOf('/') + 1) : name) + "-" + version + ".tgz";
        String tarballPath = "/" + name + "/-/" + file;
        Map<String, Object> dist = Map.of("tarball", url() + tarballPath.substring(1), "shasum", hex("SHA-1", bytes),
                "integrity", "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", bytes)));
        String packument = JSON.writeValueAsString(Map.of("name", name, "dist-tags", Map.of("latest", version),
                "versions", Map.of(version, versionManifest(name, version, dist, manifestFields)),
                "modified", "2026-11-01T00:00:00.000Z"));
        String path = "/" + (name.startsWith("@") ? name.replace("/", "%2f") : name);
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(packument.getBytes(StandardCharsets.UTF_8))));
        server.stubFor(get(urlEqualTo(tarballPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(bytes)));
    }

    private static Map<String, Object> versionManifest(String name, String version, Map<String, Object> dist, Map<String, Object> fields) {
        Map<String, Object> manifest = new java.util.LinkedHashMap<>(Map.of("name", name, "version", version, "dist", dist,
                "dependencies", Map.of()));
        manifest.putAll(fields);
        return manifest;
    }

    /** The paths the registry was asked for. */
    public List<String> requested() {
        return server.getAllServeEvents().stream().map(event -> event.getRequest().getUrl()).toList();
    }

    private static String hex(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(digest(algorithm, bytes));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}

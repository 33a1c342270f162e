package dev.nex7.deployment.recovery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.integration.OutboundHttp;
import dev.nex7.integration.OutboundHttpException;
import dev.nex7.integration.OutboundRequest;
import dev.nex7.integration.OutboundResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the npm registry (the one builds install from, {@code nex7.deployment.sandbox.npm-registry},
 * npm's public registry by default) for a package's latest version, through the SSRF-guarded client.
 * It asks for the abbreviated metadata npm itself installs from.
 */
@Component
class NpmRegistry {

    static final String PUBLIC_REGISTRY = "https://registry.npmjs.org/";
    private static final Logger log = LoggerFactory.getLogger(NpmRegistry.class);

    private final OutboundHttp http;
    private final JsonMapper json;
    private final String base;

    NpmRegistry(OutboundHttp http, JsonMapper json, DeploymentSettings settings) {
        this.http = http;
        this.json = json;
        String configured = settings.sandbox().npmRegistry();
        String chosen = configured == null || configured.isBlank() ? PUBLIC_REGISTRY : configured;
        this.base = chosen.endsWith("/") ? chosen : chosen + "/";
    }

    /** The version the {@code latest} dist-tag points at, when the registry knows the package. */
    Optional<String> latest(String name) {
        String path = name.startsWith("@") ? "@" + URLEncoder.encode(name.substring(1), StandardCharsets.UTF_8) : name;
        try {
            OutboundResponse response = http.send(OutboundRequest.builder("GET", URI.create(base + path))
                    .header("Accept", "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8")
                    .timeout(Duration.ofSeconds(10)).maxResponseBytes(16L * 1024 * 1024).build());
            if (response.status() != 200) {
                return Optional.empty();
            }
            JsonNode latest = json.readTree(response.body()).path("dist-tags").path("latest");
            return latest.isString() ? Optional.of(latest.asString()) : Optional.empty();
        } catch (OutboundHttpException | JacksonException | IllegalArgumentException failure) {
            log.info("The npm registry did not say what the latest {} is: {}", name, failure.getMessage());
            return Optional.empty();
        }
    }
}

package dev.nex7.deployment.vercel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Payloads shaped like Vercel's: the list of deployments ({@code GET /v6/deployments}: pagination and
 * deployments with uid, url, state and readyState, target, timestamps in milliseconds and the Git
 * commit in meta), a deployment's build events ({@code GET /v3/deployments/{id}/events}: one object
 * per log line with its text) and webhook events.
 */
public final class VercelFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private VercelFixtures() {
    }

    /** A new Vercel project id. */
    public static String vercelProject() {
        return "prj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** A new Vercel deployment id. */
    public static String deploymentId() {
        return "dpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 28);
    }

    /** One deployment as the list shows it. */
    public static Map<String, Object> deployment(String uid, String state, String target, Instant created, String sha, String message) {
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("uid", uid);
        deployment.put("name", "shop");
        deployment.put("url", "shop-" + uid.substring(4, 13).toLowerCase() + "-acme.vercel.app");
        deployment.put("created", created.toEpochMilli());
        deployment.put("createdAt", created.toEpochMilli());
        deployment.put("buildingAt", created.toEpochMilli() + 1_200);
        if (state.equals("READY")) {
            deployment.put("ready", created.toEpochMilli() + 48_000);
        }
        deployment.put("source", "git");
        deployment.put("state", state);
        deployment.put("readyState", state);
        deployment.put("type", "LAMBDAS");
        deployment.put("target", target);
        deployment.put("inspectorUrl", "https://vercel.com/acme/shop/" + uid.substring(4));
        deployment.put("creator", Map.of("uid", "eLrCnEgbKhsHyfbiNR7E8496", "username", "acme"));
        deployment.put("isRollbackCandidate", "production".equals(target) && state.equals("READY"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("githubCommitSha", sha);
        meta.put("githubCommitMessage", message);
        meta.put("githubCommitRef", "main");
        meta.put("githubOrg", "acme");
        meta.put("githubRepo", "shop");
        deployment.put("meta", meta);
        return deployment;
    }

    /** The list's body when it fits one page, newest first as Vercel sends it (no next page: {@code pagination.next} is null). */
    @SafeVarargs
    public static String list(Map<String, Object>... deployments) {
        return page(List.of(deployments), null);
    }

    /**
     * One page of the list, newest first: {@code pagination.next} is the timestamp to ask for the
     * next (older) page with ({@code until}), null on the last page; {@code prev} that of the newest.
     */
    public static String page(List<Map<String, Object>> deployments, Long next) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("count", deployments.size());
        pagination.put("next", next);
        pagination.put("prev", deployments.isEmpty() ? null : deployments.getFirst().get("createdAt"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pagination", pagination);
        body.put("deployments", deployments);
        return JSON.writeValueAsString(body);
    }

    /**
     * A failed Next.js build's events: Vercel's own lines around the real output of {@code next build}
     * failing on a type error (the corpus log {@code next15-type-error.log}).
     */
    static String typeErrorEvents(String uid) {
        return JSON.writeValueAsString(typeErrorEventList(uid));
    }

    /** The events of {@link #typeErrorEvents}, to hand out a part at a time as a running build's would be. */
    static List<Map<String, Object>> typeErrorEventList(String uid) {
        List<String> lines = new ArrayList<>(List.of(
                "Running build in Washington, D.C., USA (East) – iad1",
                "Build machine configuration: 2 cores, 8 GB",
                "Cloning github.com/acme/shop (Branch: main, Commit: 9f2c1e0)",
                "Cloning completed: 412.000ms",
                "Running \"vercel build\"",
                "Vercel CLI 44.2.0",
                "Installing dependencies...",
                "added 312 packages in 9s",
                "Detected Next.js version: 15.5.29",
                "Running \"npm run build\"",
                "",
                "> shop@0.1.0 build",
                "> next build",
                ""));
        lines.addAll(resource("/deployment/logs/next15-type-error.log").lines().toList());
        lines.add("Error: Command \"npm run build\" exited with 1");
        return eventList(uid, lines);
    }

    /** A build's events, one per log line ({@code stderr} for Vercel's own {@code Error:} lines), closed by Vercel's delimiter. */
    public static String events(String uid, List<String> lines) {
        return JSON.writeValueAsString(eventList(uid, lines));
    }

    private static List<Map<String, Object>> eventList(String uid, List<String> lines) {
        List<Map<String, Object>> events = new ArrayList<>();
        long at = 1_764_072_000_000L;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("created", at + i * 37);
            event.put("date", at + i * 37);
            event.put("deploymentId", uid);
            event.put("id", "evt_" + i);
            event.put("info", Map.of("type", "build", "name", "bld_4f2a9c1", "entrypoint", "."));
            event.put("serial", String.valueOf(at + i * 37) + "-" + i);
            event.put("text", lines.get(i));
            event.put("type", lines.get(i).startsWith("Error:") ? "stderr" : "stdout");
            events.add(event);
        }
        events.add(Map.of("created", at + lines.size() * 37, "type", "delimiter", "payload", Map.of("deploymentId", uid, "id", "end")));
        return events;
    }

    /** A deployment webhook event of {@code type} for {@code uid} of {@code vercelProject} (fields from Vercel's webhook documentation). */
    static String webhookEvent(String type, String vercelProject, String uid, String target) {
        return webhookEvent(type, vercelProject, uid, target, "9f2c1e0", "Add checkout");
    }

    /** {@link #webhookEvent(String, String, String, String)} of a deployment of commit {@code sha} of main. */
    public static String webhookEvent(String type, String vercelProject, String uid, String target, String sha, String message) {
        return JSON.writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID(), "type", type, "createdAt", 1764072000000L, "region", "iad1",
                "payload", Map.of("team", Map.of("id", "team_abc"), "user", Map.of("id", "usr_1"), "project", Map.of("id", vercelProject),
                        "target", target, "deployment", Map.of("id", uid, "url", "shop-git-main-acme.vercel.app", "name", "shop",
                                "meta", Map.of("githubCommitSha", sha, "githubCommitMessage", message, "githubCommitRef", "main")),
                        "links", Map.of("deployment", "https://vercel.com/acme/shop/" + uid.substring(4), "project", "https://vercel.com/acme/shop"))));
    }

    static String resource(String name) {
        try (InputStream in = VercelFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.nex7.llm.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialUnavailable;
import dev.nex7.credential.CredentialVault;
import dev.nex7.llm.CallContext;
import dev.nex7.llm.GatewayStatus;
import dev.nex7.llm.GatewayStatus.ProviderStatus;
import dev.nex7.llm.LlmSettings;
import dev.nex7.llm.ModelPreference;
import dev.nex7.llm.persistence.ModelSettings;
import dev.nex7.llm.persistence.ProjectModelSettings;
import dev.nex7.llm.provider.Endpoint;
import dev.nex7.llm.provider.ProviderKind;
import dev.nex7.llm.resilience.Breakers;
import dev.nex7.plugin.node.Credential;
import dev.nex7.project.ProjectId;

/**
 * Decides where a call may go: the preferred models first, then the rest of the chain (the
 * project's order if it set one) with default models; each provider once, with the project's own key
 * where it named a credential, else the instance's. Providers without a key (or, for
 * {@code compatible}, without an address and model) are left out.
 */
@Component
public class Routes {

    /** A provider a call may go to, with the model to ask and how to reach it. */
    public record Route(ProviderKind kind, String model, Endpoint endpoint) {
    }

    /**
     * The routes of one call, in order, and the providers that would have been routes but cannot be
     * used (a project credential that does not open, say), with why.
     */
    public record Plan(List<Route> routes, Map<ProviderKind, String> unusable, ModelSettings project) {
    }

    private final ProjectModelSettings projects;
    private final CredentialVault vault;

    Routes(ProjectModelSettings projects, CredentialVault vault) {
        this.projects = projects;
        this.vault = vault;
    }

    /** The routes for a call made in {@code context} with {@code preference}. */
    public Plan plan(LlmSettings settings, CallContext context, ModelPreference preference) {
        ModelSettings project = projectSettings(context.project());
        Map<ProviderKind, String> wanted = new LinkedHashMap<>();
        for (String entry : preference.models()) {
            Choice choice = Choice.parse(entry);
            wanted.putIfAbsent(choice.kind(), choice.model());
        }
        for (ProviderKind kind : project.chain().isEmpty() ? settings.chainKinds() : project.chain()) {
            wanted.putIfAbsent(kind, null);
        }
        List<Route> routes = new ArrayList<>();
        Map<ProviderKind, String> unusable = new EnumMap<>(ProviderKind.class);
        wanted.forEach((kind, model) -> {
            try {
                resolve(settings, context.project(), project, kind, model).ifPresent(routes::add);
            } catch (Unusable reason) {
                unusable.put(kind, reason.getMessage());
            }
        });
        return new Plan(routes, unusable, project);
    }

    /** What the gateway can do for calls in {@code projectId} (or without a project), and why not. */
    public GatewayStatus status(LlmSettings settings, Breakers breakers, ProjectId projectId) {
        ModelSettings project = projectSettings(projectId);
        List<ProviderKind> chain = project.chain().isEmpty() ? settings.chainKinds() : project.chain();
        List<ProviderStatus> providers = new ArrayList<>();
        boolean configured = false;
        for (ProviderKind kind : ProviderKind.values()) {
            LlmSettings.Provider provider = settings.provider(kind);
            String model = model(settings, project, kind, null);
            String keySource = project.credentials().containsKey(kind) ? "project"
                    : provider.apiKey() != null ? "instance" : "none";
            boolean resolves = false;
            String problem = null;
            try {
                resolves = resolve(settings, projectId, project, kind, null).isPresent();
                if (!resolves) {
                    problem = provider.enabled() ? notConfigured(kind)
                            : "disabled (nex7.llm." + kind.id() + ".enabled=false)";
                }
            } catch (Unusable reason) {
                problem = reason.getMessage();
            }
            String circuit = breakers.state(kind);
            if (resolves && circuit.equals("open")) {
                problem = "its circuit is open after repeated failures; calls go to the next provider for now";
            }
            boolean usable = problem == null;
            configured |= resolves;
            providers.add(new ProviderStatus(kind.id(), provider.enabled(), usable, keySource, model, circuit, problem));
        }
        return new GatewayStatus(configured, chain.stream().map(ProviderKind::id).toList(), providers,
                GatewayStatus.HOW_TO_CONFIGURE);
    }

    private ModelSettings projectSettings(ProjectId project) {
        return project == null ? ModelSettings.NONE : projects.find(project).orElse(ModelSettings.NONE);
    }

    /** The route to {@code kind}, empty when it is not configured; {@link Unusable} when it is but cannot be used. */
    private Optional<Route> resolve(LlmSettings settings, ProjectId projectId, ModelSettings project,
            ProviderKind kind, String preferredModel) throws Unusable {
        LlmSettings.Provider provider = settings.provider(kind);
        if (!provider.enabled()) {
            return Optional.empty();
        }
        String model = model(settings, project, kind, preferredModel);
        CredentialId credentialId = project.credentials().get(kind);
        String apiKey = provider.apiKey();
        String keySource = apiKey == null ? "none" : "instance";
        URI baseUrl = provider.baseUrl();
        if (credentialId != null && projectId != null) {
            Credential credential = open(projectId, credentialId, kind);
            apiKey = credential.fields().get("apiKey");
            keySource = "project";
            String ownUrl = credential.fields().get("baseUrl");
            baseUrl = ownUrl == null || ownUrl.isBlank() ? baseUrl : URI.create(ownUrl.strip());
        }
        if (baseUrl == null && kind.defaultBaseUrl() != null) {
            baseUrl = URI.create(kind.defaultBaseUrl());
        }
        if ((apiKey == null && !kind.keyOptional()) || baseUrl == null || model == null) {
            return Optional.empty();
        }
        return Optional.of(new Route(kind, model, new Endpoint(kind, baseUrl, apiKey, provider.timeout(), keySource)));
    }

    private Credential open(ProjectId projectId, CredentialId credentialId, ProviderKind kind) throws Unusable {
        try {
            return vault.open(projectId, credentialId, List.of(kind.credentialKind()));
        } catch (CredentialUnavailable unavailable) {
            throw new Unusable("cannot use the project's credential: " + unavailable.getMessage());
        }
    }

    private static String model(LlmSettings settings, ModelSettings project, ProviderKind kind, String preferred) {
        if (preferred != null) {
            return preferred;
        }
        String own = project.models().get(kind);
        if (own != null) {
            return own;
        }
        String configured = settings.provider(kind).defaultModel();
        return configured != null ? configured : kind.defaultModel();
    }

    private static String notConfigured(ProviderKind kind) {
        return switch (kind) {
            case ANTHROPIC -> "no API key: set NEX7_LLM_ANTHROPIC_API_KEY or name a project credential";
            case OPENAI -> "no API key: set NEX7_LLM_OPENAI_API_KEY or name a project credential";
            case COMPATIBLE -> "no server: set NEX7_LLM_COMPATIBLE_BASE_URL and NEX7_LLM_COMPATIBLE_MODEL";
        };
    }

    /** A preference entry: {@code provider:model}, or a bare model whose provider is guessed from its name. */
    record Choice(ProviderKind kind, String model) {

        static Choice parse(String entry) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                Optional<ProviderKind> named = ProviderKind.find(entry.substring(0, colon));
                if (named.isPresent() && colon < entry.length() - 1) {
                    return new Choice(named.get(), entry.substring(colon + 1));
                }
            }
            String lower = entry.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("claude")) {
                return new Choice(ProviderKind.ANTHROPIC, entry);
            }
            if (lower.startsWith("gpt-") || lower.startsWith("chatgpt") || lower.matches("o[1-9].*")) {
                return new Choice(ProviderKind.OPENAI, entry);
            }
            return new Choice(ProviderKind.COMPATIBLE, entry);
        }
    }

    /** A provider is configured but cannot be used; the message says why, without secrets. */
    private static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.nex7.llm.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import dev.nex7.credential.CredentialKinds;

/** The providers the gateway speaks to, with their names in settings, the API and metrics. */
public enum ProviderKind {
    /** Anthropic's Messages API. */
    ANTHROPIC("anthropic", "https://api.anthropic.com", "claude-sonnet-4-5", CredentialKinds.ANTHROPIC),
    /** OpenAI's Chat Completions API. */
    OPENAI("openai", "https://api.openai.com", "gpt-4.1", CredentialKinds.OPENAI),
    /** Any server speaking OpenAI's Chat Completions (Ollama, vLLM, llama.cpp): no default address or model. */
    COMPATIBLE("compatible", null, null, CredentialKinds.OPENAI);

    private final String id;
    private final String defaultBaseUrl;
    private final String defaultModel;
    private final String credentialKind;

    ProviderKind(String id, String defaultBaseUrl, String defaultModel, String credentialKind) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultModel = defaultModel;
        this.credentialKind = credentialKind;
    }

    /** {@code anthropic}, {@code openai} or {@code compatible}. */
    public String id() {
        return id;
    }

    /** Where the provider's API is when nothing else is configured, or {@code null}. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The model used when nothing else is configured, or {@code null}. */
    public String defaultModel() {
        return defaultModel;
    }

    /** The credential kind a project names to bring its own key for this provider. */
    public String credentialKind() {
        return credentialKind;
    }

    /** Whether calls without an API key make sense (a local server). */
    public boolean keyOptional() {
        return this == COMPATIBLE;
    }

    /** Whether this provider speaks OpenAI's wire format. */
    public boolean openAiFormat() {
        return this != ANTHROPIC;
    }

    public static Optional<ProviderKind> find(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.id.equals(wanted)).findFirst();
    }
}

package dev.nex7.llm.routing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import dev.nex7.credential.CredentialDeleted;
import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialSummary;
import dev.nex7.credential.CredentialVault;
import dev.nex7.identity.UserId;
import dev.nex7.llm.accounting.Budgets;
import dev.nex7.llm.persistence.ModelSettings;
import dev.nex7.llm.persistence.ProjectModelSettings;
import dev.nex7.llm.provider.ProviderKind;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * A project's own model settings: any member reads them, the owners change them. A credential named
 * for a provider must be one of the project's, of the kind that provider takes ({@code anthropic} for
 * Anthropic, {@code openai} for OpenAI and OpenAI-compatible servers).
 */
@Service
public class ProjectModels {

    private static final String MODEL = "[A-Za-z0-9._:/@+-]{1,200}";

    /** What an owner asks for, unchecked: provider names, models and credential ids as given. */
    public record Change(List<String> chain, Map<String, String> models, Map<String, String> credentials,
            BigDecimal monthlyBudgetUsd) {
    }

    private final ProjectModelSettings settings;
    private final ProjectAccess access;
    private final CredentialVault vault;
    private final Clock clock;

    ProjectModels(ProjectModelSettings settings, ProjectAccess access, CredentialVault vault, Clock clock) {
        this.settings = settings;
        this.access = access;
        this.vault = vault;
        this.clock = clock;
    }

    /** The project's settings ({@link ModelSettings#NONE} when it set none); for members. */
    public ModelSettings get(ProjectId project, UserId caller) {
        access.require(project, caller, ProjectRole.VIEWER);
        return settings.find(project).orElse(ModelSettings.NONE);
    }

    /**
     * Replaces the project's settings; for owners.
     *
     * @throws InvalidRequest naming every field that is wrong
     */
    public ModelSettings replace(ProjectId project, UserId caller, Change change) {
        access.require(project, caller, ProjectRole.OWNER);
        List<FieldError> errors = new ArrayList<>();
        List<ProviderKind> chain = chain(change.chain(), errors);
        Map<ProviderKind, String> models = new EnumMap<>(ProviderKind.class);
        providers(change.models(), "models", errors).forEach((kind, model) -> {
            if (model == null || !model.strip().matches(MODEL)) {
                errors.add(new FieldError("models." + kind.id(), "is not a model name"));
            } else {
                models.put(kind, model.strip());
            }
        });
        Map<ProviderKind, CredentialId> credentials = new EnumMap<>(ProviderKind.class);
        providers(change.credentials(), "credentials", errors).forEach((kind, id) -> credential(project, kind, id,
                errors).ifPresent(credential -> credentials.put(kind, credential)));
        BigDecimal budget = change.monthlyBudgetUsd();
        if (budget != null && !Budgets.isAmount(budget)) {
            errors.add(new FieldError("monthlyBudgetUsd", Budgets.AMOUNT));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        ModelSettings saved = new ModelSettings(chain, models, credentials, budget);
        settings.save(project, saved, caller, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return saved;
    }

    @ApplicationModuleListener
    void on(ProjectDeleted deleted) {
        settings.delete(deleted.projectId());
    }

    /** A deleted credential is no longer named: the project's calls use the instance's key again. */
    @ApplicationModuleListener
    void on(CredentialDeleted deleted) {
        settings.forgetCredential(deleted.projectId(), deleted.credentialId());
    }

    private static List<ProviderKind> chain(List<String> names, List<FieldError> errors) {
        List<ProviderKind> chain = new ArrayList<>();
        List<String> given = names == null ? List.of() : names;
        for (int i = 0; i < given.size(); i++) {
            Optional<ProviderKind> kind = ProviderKind.find(given.get(i));
            if (kind.isEmpty()) {
                errors.add(new FieldError("chain[" + i + "]", "is not a provider (anthropic, openai, compatible)"));
            } else if (chain.contains(kind.get())) {
                errors.add(new FieldError("chain[" + i + "]", "names a provider twice"));
            } else {
                chain.add(kind.get());
            }
        }
        return chain;
    }

    private static Map<ProviderKind, String> providers(Map<String, String> byName, String field,
            List<FieldError> errors) {
        Map<ProviderKind, String> known = new LinkedHashMap<>();
        (byName == null ? Map.<String, String>of() : byName).forEach((name, value) -> {
            Optional<ProviderKind> kind = ProviderKind.find(name);
            if (kind.isEmpty()) {
                errors.add(new FieldError(field + "." + name, "is not a provider (anthropic, openai, compatible)"));
            } else {
                known.put(kind.get(), value);
            }
        });
        return known;
    }

    private Optional<CredentialId> credential(ProjectId project, ProviderKind kind, String id,
            List<FieldError> errors) {
        String field = "credentials." + kind.id();
        CredentialId credential;
        try {
            credential = CredentialId.parse(id == null ? "" : id.strip());
        } catch (IllegalArgumentException notAnId) {
            errors.add(new FieldError(field, "is not a credential id"));
            return Optional.empty();
        }
        Optional<CredentialSummary> found = vault.find(project, credential);
        if (found.isEmpty()) {
            errors.add(new FieldError(field, "is not a credential of this project"));
            return Optional.empty();
        }
        if (!found.get().kind().equals(kind.credentialKind())) {
            errors.add(new FieldError(field, "must be a credential of kind " + kind.credentialKind()));
            return Optional.empty();
        }
        return Optional.of(credential);
    }
}

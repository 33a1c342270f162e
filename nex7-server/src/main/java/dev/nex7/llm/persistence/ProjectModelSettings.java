package dev.nex7.llm.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.credential.CredentialId;
import dev.nex7.identity.UserId;
import dev.nex7.llm.provider.ProviderKind;
import dev.nex7.project.ProjectId;

/**
 * The llm_project_settings table: each project's own model settings. Every model call in a project
 * reads them, so they are cached for {@link #CACHED_FOR}: a change made here applies at once, one
 * made on another instance within that time.
 */
@Repository
public class ProjectModelSettings {

    static final Duration CACHED_FOR = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Cache<ProjectId, Optional<ModelSettings>> cache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(CACHED_FOR).build();

    ProjectModelSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ModelSettings> find(ProjectId project) {
        return cache.get(project, this::load);
    }

    private Optional<ModelSettings> load(ProjectId project) {
        return jdbc.sql("""
                SELECT chain, anthropic_model, openai_model, compatible_model, anthropic_credential_id,
                       openai_credential_id, compatible_credential_id, monthly_budget_usd
                FROM llm_project_settings WHERE project_id = :project
                """).param("project", project.value()).query(ProjectModelSettings::map).optional();
    }

    public void save(ProjectId project, ModelSettings settings, UserId by, Instant at) {
        Map<String, Object> params = new HashMap<>();
        params.put("project", project.value());
        params.put("chain", settings.chain().isEmpty() ? null
                : settings.chain().stream().map(ProviderKind::id).collect(Collectors.joining(",")));
        for (ProviderKind kind : ProviderKind.values()) {
            params.put(kind.id() + "Model", settings.models().get(kind));
            CredentialId credential = settings.credentials().get(kind);
            params.put(kind.id() + "Credential", credential == null ? null : credential.value());
        }
        params.put("budget", settings.monthlyBudgetUsd());
        params.put("by", by.value());
        params.put("at", Timestamp.from(at));
        jdbc.sql("""
                INSERT INTO llm_project_settings (project_id, chain, anthropic_model, openai_model, compatible_model,
                       anthropic_credential_id, openai_credential_id, compatible_credential_id, monthly_budget_usd,
                       updated_by, updated_at)
                VALUES (:project, :chain, :anthropicModel, :openaiModel, :compatibleModel, :anthropicCredential,
                        :openaiCredential, :compatibleCredential, :budget, :by, :at)
                ON CONFLICT (project_id) DO UPDATE SET chain = EXCLUDED.chain,
                       anthropic_model = EXCLUDED.anthropic_model, openai_model = EXCLUDED.openai_model,
                       compatible_model = EXCLUDED.compatible_model,
                       anthropic_credential_id = EXCLUDED.anthropic_credential_id,
                       openai_credential_id = EXCLUDED.openai_credential_id,
                       compatible_credential_id = EXCLUDED.compatible_credential_id,
                       monthly_budget_usd = EXCLUDED.monthly_budget_usd,
                       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                """).params(params).update();
        cache.invalidate(project);
    }

    public void delete(ProjectId project) {
        jdbc.sql("DELETE FROM llm_project_settings WHERE project_id = :project").param("project", project.value())
                .update();
        cache.invalidate(project);
    }

    /** Stops naming {@code credential} wherever the project named it. */
    public void forgetCredential(ProjectId project, CredentialId credential) {
        jdbc.sql("""
                UPDATE llm_project_settings SET
                  anthropic_credential_id = NULLIF(anthropic_credential_id, :credential),
                  openai_credential_id = NULLIF(openai_credential_id, :credential),
                  compatible_credential_id = NULLIF(compatible_credential_id, :credential)
                WHERE project_id = :project
                """).param("project", project.value()).param("credential", credential.value()).update();
        cache.invalidate(project);
    }

    private static ModelSettings map(ResultSet rs, int row) throws SQLException {
        String chain = rs.getString("chain");
        List<ProviderKind> kinds = chain == null ? List.of()
                : Arrays.stream(chain.split(",")).map(id -> ProviderKind.find(id).orElseThrow()).toList();
        Map<ProviderKind, String> models = new EnumMap<>(ProviderKind.class);
        Map<ProviderKind, CredentialId> credentials = new EnumMap<>(ProviderKind.class);
        for (ProviderKind kind : ProviderKind.values()) {
            String model = rs.getString(kind.id() + "_model");
            if (model != null) {
                models.put(kind, model);
            }
            UUID credential = rs.getObject(kind.id() + "_credential_id", UUID.class);
            if (credential != null) {
                credentials.put(kind, new CredentialId(credential));
            }
        }
        BigDecimal budget = rs.getBigDecimal("monthly_budget_usd");
        return new ModelSettings(kinds, models, credentials, budget);
    }
}

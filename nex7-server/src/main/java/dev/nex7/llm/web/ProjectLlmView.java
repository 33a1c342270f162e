package dev.nex7.llm.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nex7.llm.persistence.ModelSettings;
import dev.nex7.llm.provider.ProviderKind;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A project's model settings, and what it spent this month.
 *
 * @param chain provider order; empty when the instance's applies
 * @param models model per provider, where the project picked one
 * @param credentials credential id per provider, where the project brings its own key
 * @param monthlyBudgetUsd the project's own monthly limit, or null for the instance default
 * @param spentThisMonthUsd what the project's calls cost this UTC month
 */
@Schema(name = "ProjectModelSettings")
record ProjectLlmView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID projectId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> chain,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, String> models,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, UUID> credentials,
        BigDecimal monthlyBudgetUsd,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal spentThisMonthUsd) {

    static ProjectLlmView of(ProjectId project, ModelSettings settings, BigDecimal spent) {
        Map<String, String> models = new LinkedHashMap<>();
        settings.models().forEach((kind, model) -> models.put(kind.id(), model));
        Map<String, UUID> credentials = new LinkedHashMap<>();
        settings.credentials().forEach((kind, id) -> credentials.put(kind.id(), id.value()));
        return new ProjectLlmView(project.value(), settings.chain().stream().map(ProviderKind::id).toList(), models,
                credentials, settings.monthlyBudgetUsd(), spent);
    }
}

package dev.nex7.llm.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.nex7.llm.routing.ProjectModels;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A project's model settings, replacing the old ones whole.
 *
 * @param chain provider order: {@code anthropic}, {@code openai}, {@code compatible}; empty or absent for the instance's
 * @param models model per provider name
 * @param credentials credential id per provider name
 * @param monthlyBudgetUsd the project's monthly limit; absent or null for the instance default
 */
@Schema(name = "ProjectModelSettingsRequest")
record ProjectLlmRequest(
        List<String> chain,
        Map<String, String> models,
        @Schema(description = "Credential ids (UUIDs) by provider name") Map<String, String> credentials,
        @Schema(nullable = true, minimum = "0") BigDecimal monthlyBudgetUsd) {

    ProjectModels.Change change() {
        return new ProjectModels.Change(chain, models, credentials, monthlyBudgetUsd);
    }
}

package dev.nex7.llm.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.llm.accounting.Budgets;
import dev.nex7.llm.routing.ProjectModels;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's own model settings: members read them, owners replace them. */
@RestController
@RequestMapping("/api/projects/{projectId}/llm")
@Tag(name = "Models")
class ProjectLlmController {

    private final ProjectModels models;
    private final Budgets budgets;

    ProjectLlmController(ProjectModels models, Budgets budgets) {
        this.models = models;
        this.budgets = budgets;
    }

    @GetMapping
    @Operation(operationId = "getProjectModelSettings", summary = "The project's model settings")
    @ApiResponse(responseCode = "200", description = "Its settings; empty ones mean the instance's apply")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ProjectLlmView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        ProjectId project = new ProjectId(projectId);
        return ProjectLlmView.of(project, models.get(project, user.id()), budgets.projectSpent(project));
    }

    @PutMapping
    @Operation(operationId = "replaceProjectModelSettings", summary = "Replace the project's model settings (owners)",
            description = "chain orders the providers (empty: the instance's order); models picks a model per "
                    + "provider; credentials names a project credential per provider whose API key replaces the "
                    + "instance's (kind anthropic for Anthropic, openai for OpenAI and compatible servers); "
                    + "monthlyBudgetUsd limits the project's spending per UTC month (null: the instance default).")
    @ApiResponse(responseCode = "200", description = "The new settings")
    @ApiResponse(responseCode = "400", description = "Invalid fields (every problem listed in errors)")
    @ApiResponse(responseCode = "403", description = "Only owners change them")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ProjectLlmView replace(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestBody ProjectLlmRequest request) {
        ProjectId project = new ProjectId(projectId);
        return ProjectLlmView.of(project, models.replace(project, user.id(), request.change()),
                budgets.projectSpent(project));
    }
}

package dev.nex7.llm.web;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.llm.GatewayStatus;
import dev.nex7.llm.ModelGateway;
import dev.nex7.llm.accounting.UsageReports;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the model gateway can do for the caller, and what the caller's calls used. */
@RestController
@RequestMapping("/api/llm")
@Tag(name = "Models")
class LlmController {

    private final ModelGateway gateway;
    private final UsageReports usage;
    private final ProjectAccess access;

    LlmController(ModelGateway gateway, UsageReports usage, ProjectAccess access) {
        this.gateway = gateway;
        this.usage = usage;
        this.access = access;
    }

    @GetMapping("/status")
    @Operation(operationId = "getModelStatus", summary = "Which model providers can be used",
            description = "For calls in projectId (its own keys and order) or without a project. No secrets; "
                    + "howToConfigure says what to set when nothing is configured.")
    @ApiResponse(responseCode = "200", description = "The providers and whether each is usable")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    GatewayStatus status(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) UUID projectId) {
        ProjectId project = projectId == null ? null : new ProjectId(projectId);
        if (project != null) {
            access.require(project, user.id(), ProjectRole.VIEWER);
        }
        return gateway.status(project);
    }

    @GetMapping("/usage")
    @Operation(operationId = "getModelUsage", summary = "Tokens and cost of model calls",
            description = "Administrators see every call, a project's owners all of its calls, everyone else "
                    + "their own. Days are UTC, from and to included; the default is this month.")
    @ApiResponse(responseCode = "200", description = "Totals, and sums per group, largest cost first")
    @ApiResponse(responseCode = "400", description = "Invalid dates, period or groupBy")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    UsageView usage(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) UUID projectId,
            @Parameter(description = "First day (YYYY-MM-DD)") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "Last day (YYYY-MM-DD)") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "agent, model (the default), user or day") @RequestParam(required = false)
            String groupBy) {
        return UsageView.of(usage.report(user, projectId == null ? null : new ProjectId(projectId), from, to,
                groupBy));
    }
}

package dev.nex7.llm.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.UserId;
import dev.nex7.llm.LlmSettings;
import dev.nex7.llm.accounting.Budgets;
import dev.nex7.llm.accounting.Budgets.UserBudget;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A user's monthly model budget; administrators only ({@code /api/admin/**}). */
@RestController
@RequestMapping("/api/admin/llm/users/{userId}/budget")
@Tag(name = "Administration")
class UserBudgetController {

    /**
     * A user's budget.
     *
     * @param monthlyBudgetUsd the limit that applies, or null for none
     * @param source {@code user} (set here), {@code default} (nex7.llm.budgets.user-monthly-usd) or {@code none}
     */
    @Schema(name = "UserModelBudget")
    record UserBudgetView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID userId,
            BigDecimal monthlyBudgetUsd,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"user", "default", "none"})
            String source,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal spentThisMonthUsd,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant resetsAt) {

        static UserBudgetView of(UserBudget budget) {
            return new UserBudgetView(budget.user().value(), budget.monthlyBudgetUsd(), budget.source(),
                    budget.usedThisMonthUsd(), budget.resetsAt());
        }
    }

    /** @param monthlyBudgetUsd the user's own limit; null removes it, so the default applies */
    @Schema(name = "UserModelBudgetRequest")
    record UserBudgetRequest(@Schema(nullable = true, minimum = "0") BigDecimal monthlyBudgetUsd) {
    }

    private final Budgets budgets;
    private final LlmSettings settings;

    UserBudgetController(Budgets budgets, LlmSettings settings) {
        this.budgets = budgets;
        this.settings = settings;
    }

    @GetMapping
    @Operation(operationId = "getUserModelBudget", summary = "A user's monthly model budget and spending")
    @ApiResponse(responseCode = "200", description = "The budget that applies, and this month's spending")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such user")
    UserBudgetView get(@PathVariable UUID userId) {
        return UserBudgetView.of(budgets.userBudget(settings.budgets(), new UserId(userId)));
    }

    @PutMapping
    @Operation(operationId = "setUserModelBudget", summary = "Set or remove a user's monthly model budget")
    @ApiResponse(responseCode = "200", description = "The budget that now applies")
    @ApiResponse(responseCode = "400", description = "Not an amount from 0 with at most 2 decimals")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such user")
    UserBudgetView set(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable UUID userId,
            @RequestBody UserBudgetRequest request) {
        return UserBudgetView.of(budgets.setUserBudget(settings.budgets(), new UserId(userId),
                request.monthlyBudgetUsd(), admin.id()));
    }
}

package dev.nex7.llm.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.nex7.llm.accounting.UsageReports.Report;
import dev.nex7.llm.persistence.LlmCalls.Totals;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A usage report.
 *
 * @param scope {@code all} (an administrator's view), {@code project} (an owner's) or {@code own}
 */
@Schema(name = "ModelUsage")
record UsageView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate from,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate to,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"agent", "model", "user", "day"})
        String groupBy,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"all", "project", "own"}) String scope,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Sums total,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Sums> groups) {

    /**
     * Sums over calls.
     *
     * @param key the group: an agent id ("" for none), provider:model, a user id or a day; absent for the total
     */
    @Schema(name = "ModelUsageSums")
    record Sums(
            String key,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long calls,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long inputTokens,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long outputTokens,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal costUsd) {

        static Sums of(Totals totals) {
            return new Sums(totals.key(), totals.calls(), totals.inputTokens(), totals.outputTokens(),
                    totals.costUsd());
        }
    }

    static UsageView of(Report report) {
        return new UsageView(report.from(), report.to(), report.groupBy(), report.scope(), Sums.of(report.total()),
                report.groups().stream().map(Sums::of).toList());
    }
}

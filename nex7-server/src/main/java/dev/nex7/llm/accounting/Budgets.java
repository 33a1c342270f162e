package dev.nex7.llm.accounting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.nex7.identity.UserDirectory;
import dev.nex7.identity.UserId;
import dev.nex7.llm.CallContext;
import dev.nex7.llm.LlmSettings;
import dev.nex7.llm.ModelCallFailed;
import dev.nex7.llm.persistence.LlmCalls;
import dev.nex7.llm.persistence.ModelSettings;
import dev.nex7.llm.persistence.UserBudgets;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectId;

/**
 * Monthly spending limits, checked before a call: the user's (an administrator's setting, else
 * {@code nex7.llm.budgets.user-monthly-usd}) and the project's (its owner's setting, else
 * {@code nex7.llm.budgets.project-monthly-usd}). Months are UTC calendar months. The check reads what
 * was spent so far; calls running at the same moment may together go over by at most their own cost.
 */
@Component
public class Budgets {

    /**
     * A user's budget as an administrator sees it.
     *
     * @param monthlyBudgetUsd the limit that applies, or {@code null} for none
     * @param source {@code user} (an administrator set it), {@code default} (the instance setting) or {@code none}
     */
    public record UserBudget(UserId user, BigDecimal monthlyBudgetUsd, String source, BigDecimal usedThisMonthUsd,
            Instant resetsAt) {
    }

    /** What {@link #isAmount} wants, for error messages. */
    public static final String AMOUNT = "must be an amount from 0 to 1000000000 with at most 2 decimals";

    /** A month's bounds, UTC. */
    private record Month(Instant start, Instant end) {
    }

    private final LlmCalls calls;
    private final UserBudgets userBudgets;
    private final UserDirectory users;
    private final Clock clock;

    Budgets(LlmCalls calls, UserBudgets userBudgets, UserDirectory users, Clock clock) {
        this.calls = calls;
        this.userBudgets = userBudgets;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Refuses the call when the user's or the project's budget is spent.
     *
     * @param project the project's own settings, {@link ModelSettings#NONE} when it has none or the call has no project
     * @throws ModelCallFailed {@code budget-exceeded}, naming the budget, what was used and when it resets
     */
    public void check(LlmSettings.Budgets defaults, CallContext context, ModelSettings project) {
        Month month = month();
        BigDecimal userLimit = userBudgets.find(context.user()).orElse(defaults.userMonthlyUsd());
        if (userLimit != null) {
            refuseWhenSpent("user", calls.spentByUser(context.user(), month.start(), month.end()), userLimit, month);
        }
        BigDecimal projectLimit = project.monthlyBudgetUsd() != null ? project.monthlyBudgetUsd()
                : defaults.projectMonthlyUsd();
        if (context.project() != null && projectLimit != null) {
            refuseWhenSpent("project", projectSpent(context.project()), projectLimit, month);
        }
    }

    /** What the project spent this month. */
    public BigDecimal projectSpent(ProjectId project) {
        Month month = month();
        return money(calls.spentByProject(project, month.start(), month.end()));
    }

    /** A user's budget and spending this month. */
    public UserBudget userBudget(LlmSettings.Budgets defaults, UserId user) {
        if (users.find(user).isEmpty()) {
            throw new UserNotFound();
        }
        Month month = month();
        BigDecimal own = userBudgets.find(user).orElse(null);
        BigDecimal limit = own != null ? own : defaults.userMonthlyUsd();
        String source = own != null ? "user" : limit != null ? "default" : "none";
        return new UserBudget(user, limit, source, money(calls.spentByUser(user, month.start(), month.end())),
                month.end());
    }

    /** Sets a user's own budget, or removes it ({@code null}) so that the default applies again. */
    public UserBudget setUserBudget(LlmSettings.Budgets defaults, UserId user, BigDecimal monthlyUsd, UserId admin) {
        if (users.find(user).isEmpty()) {
            throw new UserNotFound();
        }
        if (monthlyUsd == null) {
            userBudgets.delete(user);
        } else if (!isAmount(monthlyUsd)) {
            throw new InvalidRequest("monthlyBudgetUsd", AMOUNT);
        } else {
            userBudgets.save(user, monthlyUsd, admin, clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
        return userBudget(defaults, user);
    }

    /** Whether {@code amount} may be a budget: 0 to a billion dollars, in cents. */
    public static boolean isAmount(BigDecimal amount) {
        return amount.signum() >= 0 && amount.scale() <= 2 && amount.compareTo(BigDecimal.TEN.pow(9)) <= 0;
    }

    private static void refuseWhenSpent(String scope, BigDecimal used, BigDecimal limit, Month month) {
        if (used.compareTo(limit) >= 0) {
            throw ModelCallFailed.budgetExceeded(new ModelCallFailed.Budget(scope, money(used), money(limit),
                    month.end()));
        }
    }

    private Month month() {
        YearMonth month = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        return new Month(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(4, RoundingMode.HALF_UP);
    }

    /** No account has the id given. */
    public static final class UserNotFound extends ApiProblem {
        UserNotFound() {
            super(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "There is no such user.");
        }
    }
}

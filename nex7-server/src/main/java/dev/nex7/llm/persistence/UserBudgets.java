package dev.nex7.llm.persistence;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.identity.UserId;

/**
 * The llm_user_budgets table: monthly budgets administrators set for single users. Every model call
 * reads its user's, so they are cached like {@link ProjectModelSettings}: a change made here applies
 * at once, one made on another instance within {@link ProjectModelSettings#CACHED_FOR}.
 */
@Repository
public class UserBudgets {

    private final JdbcClient jdbc;
    private final Cache<UserId, Optional<BigDecimal>> cache = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(ProjectModelSettings.CACHED_FOR).build();

    UserBudgets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BigDecimal> find(UserId user) {
        return cache.get(user, this::load);
    }

    private Optional<BigDecimal> load(UserId user) {
        return jdbc.sql("SELECT monthly_budget_usd FROM llm_user_budgets WHERE user_id = :user")
                .param("user", user.value()).query(BigDecimal.class).optional();
    }

    public void save(UserId user, BigDecimal monthlyUsd, UserId by, Instant at) {
        jdbc.sql("""
                INSERT INTO llm_user_budgets (user_id, monthly_budget_usd, updated_by, updated_at)
                VALUES (:user, :budget, :by, :at)
                ON CONFLICT (user_id) DO UPDATE SET monthly_budget_usd = EXCLUDED.monthly_budget_usd,
                       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                """).param("user", user.value()).param("budget", monthlyUsd).param("by", by.value())
                .param("at", Timestamp.from(at)).update();
        cache.invalidate(user);
    }

    /** Removes the user's own budget; the instance default applies again. */
    public void delete(UserId user) {
        jdbc.sql("DELETE FROM llm_user_budgets WHERE user_id = :user").param("user", user.value()).update();
        cache.invalidate(user);
    }
}

package dev.nex7.llm.accounting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.Role;
import dev.nex7.llm.persistence.LlmCalls;
import dev.nex7.llm.persistence.LlmCalls.GroupBy;
import dev.nex7.llm.persistence.LlmCalls.Totals;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * Token and cost reports over recorded calls. Administrators see every call; a project's owners see
 * all of that project's calls; everyone else sees their own calls only (in a project, only if they
 * are a member of it).
 */
@Service
public class UsageReports {

    private static final long MAX_DAYS = 366;

    /**
     * A report.
     *
     * @param from first day covered (UTC)
     * @param to last day covered (UTC)
     * @param scope {@code all}, {@code project} or {@code own}: whose calls it covers
     */
    public record Report(LocalDate from, LocalDate to, String groupBy, String scope, Totals total, List<Totals> groups) {
    }

    private final LlmCalls calls;
    private final ProjectAccess access;
    private final Clock clock;

    UsageReports(LlmCalls calls, ProjectAccess access, Clock clock) {
        this.calls = calls;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The caller's report.
     *
     * @param from first day, or null for the first of this month
     * @param to last day, or null for today
     * @param groupBy {@code agent}, {@code model}, {@code user} or {@code day}; null for {@code model}
     * @throws InvalidRequest for an unknown grouping or a period that is reversed or longer than a year
     */
    public Report report(AuthenticatedUser caller, ProjectId project, LocalDate from, LocalDate to, String groupBy) {
        GroupBy grouping = grouping(groupBy);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = from != null ? from : today.withDayOfMonth(1);
        LocalDate last = to != null ? to : today;
        if (last.isBefore(first)) {
            throw new InvalidRequest("to", "is before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidRequest("to", "is more than a year after from");
        }
        String scope;
        LlmCalls.Filter filter;
        Instant start = first.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (caller.role().includes(Role.ADMIN)) {
            scope = "all";
            filter = new LlmCalls.Filter(null, project, start, end);
        } else if (project != null && access.require(project, caller.id(), ProjectRole.VIEWER) == ProjectRole.OWNER) {
            scope = "project";
            filter = new LlmCalls.Filter(null, project, start, end);
        } else {
            scope = "own";
            filter = new LlmCalls.Filter(caller.id(), project, start, end);
        }
        return new Report(first, last, grouping.name().toLowerCase(Locale.ROOT), scope, calls.total(filter),
                calls.report(filter, grouping));
    }

    private static GroupBy grouping(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return GroupBy.MODEL;
        }
        try {
            return GroupBy.valueOf(groupBy.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequest("groupBy", "must be one of agent, model, user, day");
        }
    }
}

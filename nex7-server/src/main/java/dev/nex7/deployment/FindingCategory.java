package dev.nex7.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of failure a finding is. The id ({@code type-error}, {@code module-not-found}) is what
 * the API and the fix generators see.
 *
 * <p>The tier orders categories by how early in a build they happen and how much they explain: an
 * install failure (tier 0) explains every error after it; a missing module or environment variable
 * (tier 1) explains the type errors and prerender failures it causes; a plain compile, lint or
 * runtime error (tier 2) explains little beyond itself; a failed prerender (tier 3) is usually the
 * symptom of something else on its page. {@link LogAnalysis} picks the root among the findings of
 * the lowest tier.
 */
public enum FindingCategory {
    DEPENDENCY_CONFLICT(0),
    PACKAGE_NOT_FOUND(0),
    LOCKFILE_OUTDATED(0),
    ENGINE_MISMATCH(0),
    MODULE_NOT_FOUND(1),
    MISSING_ENV_VAR(1),
    OUT_OF_MEMORY(1),
    PLATFORM_LIMIT(1),
    TYPE_ERROR(2),
    COMPILE_ERROR(2),
    LINT(2),
    NEXTJS_SUSPENSE_BOUNDARY(2),
    NEXTJS_SERVER_CLIENT(2),
    PORT_IN_USE(2),
    RUNTIME_CRASH(2),
    PYTHON_EXCEPTION(2),
    NEXTJS_PRERENDER(3),
    UNCLASSIFIED(4);

    private final int tier;

    FindingCategory(int tier) {
        this.tier = tier;
    }

    /** How early and how explanatory: lower tiers explain higher ones (see the class comment). */
    public int tier() {
        return tier;
    }

    @JsonValue
    public String id() {
        return KebabIds.id(this);
    }

    @JsonCreator
    public static FindingCategory of(String id) {
        return KebabIds.parse(FindingCategory.class, id);
    }
}

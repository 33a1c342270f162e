package dev.nex7.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The rule a fix generator can apply to a finding, as a stable id. A finding without one
 * ({@code null}) is left to the model-made fixes.
 */
public enum FixStrategy {
    /** Add the missing package ({@link Finding#subject()}) to the project's dependencies. */
    ADD_DEPENDENCY,
    /** Correct a relative import whose path, case or extension is wrong. */
    FIX_IMPORT_PATH,
    /** Run {@code eslint --fix}: the rule can fix itself. */
    ESLINT_FIX,
    /** Change the code a lint rule without an automatic fix flags. */
    FIX_LINT,
    /** Correct the types at the reported place. */
    FIX_TYPE,
    /** Wrap the component that reads search parameters in {@code <Suspense>}. */
    ADD_SUSPENSE_BOUNDARY,
    /** Mark the module that uses client-only React APIs with {@code "use client"}. */
    ADD_USE_CLIENT,
    /** Run the build on the Node version the package requires ({@code engines}, {@code .nvmrc}). */
    PIN_NODE_VERSION,
    /** Rewrite the lockfile from {@code package.json}. */
    REGENERATE_LOCKFILE,
    /** Align the versions of the conflicting peer dependencies. */
    RESOLVE_PEER_CONFLICT,
    /** The package name or version does not exist in the registry: correct it. */
    FIX_PACKAGE_NAME,
    /** Give the deployment target the missing environment variable ({@link Finding#subject()}). */
    ADD_ENV_VAR,
    /** Give the build more memory ({@code NODE_OPTIONS=--max-old-space-size}). */
    INCREASE_MEMORY,
    /** Use a free port or stop what holds it. */
    CHANGE_PORT,
    /** Shrink a serverless function under the platform's size limit. */
    REDUCE_FUNCTION_SIZE,
    /** Point the platform at the directory the build writes. */
    SET_OUTPUT_DIRECTORY;

    @JsonValue
    public String id() {
        return KebabIds.id(this);
    }

    @JsonCreator
    public static FixStrategy of(String id) {
        return KebabIds.parse(FixStrategy.class, id);
    }
}

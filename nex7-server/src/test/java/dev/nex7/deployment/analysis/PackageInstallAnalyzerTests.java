package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;

class PackageInstallAnalyzerTests {

    private final PackageInstallAnalyzer analyzer = new PackageInstallAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void olderNpmsErrPrefixAndAConflictingPeerAreRead() {
        List<Finding> findings = read("npm ERR! code ERESOLVE", "npm ERR! ERESOLVE could not resolve",
                "npm ERR! While resolving: eslint-config-next@14.0.0", "npm ERR! Found: eslint@9.1.0",
                "npm ERR! Conflicting peer dependency: eslint@8.57.0");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.category()).isEqualTo(FindingCategory.DEPENDENCY_CONFLICT);
            assertThat(finding.subject()).isEqualTo("eslint@8.57.0");
            assertThat(finding.file()).isEqualTo("package.json");
            assertThat(finding.fixStrategy()).isEqualTo(FixStrategy.RESOLVE_PEER_CONFLICT);
        });
    }

    @Test
    void aVersionTheRegistryDoesNotHaveIsAPackageNotFound() {
        assertThat(read("npm error code ETARGET", "npm error notarget No matching version found for react@99.0.0.",
                "npm error notarget In most cases you or one of your dependencies are requesting"))
                .singleElement().extracting(Finding::category, Finding::subject)
                .containsExactly(FindingCategory.PACKAGE_NOT_FOUND, "react@99.0.0");
        assertThat(read("npm ERR! code E404", "npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found"))
                .singleElement().extracting(Finding::subject).isEqualTo("left-padd");
    }

    @Test
    void anEngineWarningIsAWarningAndStrictEnginesAnError() {
        List<Finding> warned = read("npm warn EBADENGINE Unsupported engine {",
                "npm warn EBADENGINE   package: 'vite@7.0.0',", "npm warn EBADENGINE   required: { node: '^20.19.0 || >=22.12.0' },",
                "npm warn EBADENGINE   current: { node: 'v18.20.4', npm: '10.7.0' }", "npm warn EBADENGINE }");
        List<Finding> failed = read("error shop@1.0.0: The engine \"node\" is incompatible with this module. "
                + "Expected version \">=22\". Got \"18.20.4\"");

        assertThat(warned).singleElement().extracting(Finding::severity, Finding::subject)
                .containsExactly(Severity.WARNING, "node@^20.19.0||>=22.12.0");
        assertThat(failed).singleElement().extracting(Finding::tool, Finding::severity, Finding::subject,
                Finding::fixStrategy).containsExactly("yarn", Severity.ERROR, "node@>=22", FixStrategy.PIN_NODE_VERSION);
    }

    @Test
    void pnpmAndYarnFailuresAreNamedByTheirOwnCodes() {
        List<Finding> findings = read(
                " ERR_PNPM_FETCH_404  GET https://registry.npmjs.org/@acme%2Fui: Not Found - 404",
                " ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies", ".", "└─┬ react-dom 18.3.1",
                "  └── ✕ unmet peer react@^18.3.1: found 17.0.2",
                "error Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`.",
                "➤ YN0035: │ @acme/ui@npm:^2.0.0: Package not found",
                "➤ YN0028: │ The lockfile would have been modified by this install, which is explicitly forbidden.");

        assertThat(findings).extracting(Finding::category, Finding::tool, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FindingCategory.PACKAGE_NOT_FOUND, "pnpm", "@acme/ui"),
                org.assertj.core.groups.Tuple.tuple(FindingCategory.DEPENDENCY_CONFLICT, "pnpm", "react@^18.3.1"),
                org.assertj.core.groups.Tuple.tuple(FindingCategory.LOCKFILE_OUTDATED, "yarn", null),
                org.assertj.core.groups.Tuple.tuple(FindingCategory.PACKAGE_NOT_FOUND, "yarn", "@acme/ui@^2.0.0"),
                org.assertj.core.groups.Tuple.tuple(FindingCategory.LOCKFILE_OUTDATED, "yarn", null));
    }

    @Test
    void npmNoticesAndOtherErrorsAreNotInstallFailures() {
        assertThat(read("npm notice New major version of npm available!", "npm error code ELIFECYCLE",
                "npm error Lifecycle script `build` failed with error:")).isEmpty();
    }
}

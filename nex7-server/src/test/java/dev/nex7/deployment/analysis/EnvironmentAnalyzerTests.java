package dev.nex7.deployment.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;

class EnvironmentAnalyzerTests {

    private final EnvironmentAnalyzer analyzer = new EnvironmentAnalyzer();

    private List<Finding> read(String... lines) {
        return analyzer.analyze(BuildLog.of(String.join("\n", lines)));
    }

    @Test
    void theUsualWaysOfSayingAVariableIsMissingNameIt() {
        List<Finding> findings = read("Error: Missing required environment variable \"NEXTAUTH_SECRET\"",
                "Error: process.env.DATABASE_URL is undefined", "Environment variable OPENAI_API_KEY is not set",
                "[auth] SMTP_PASSWORD is missing", "error: Environment variable not found: SHADOW_DATABASE_URL.",
                "Error: Missing required env vars: RESEND_API_KEY, RESEND_FROM");

        assertThat(findings).extracting(Finding::subject).containsExactly("NEXTAUTH_SECRET", "DATABASE_URL",
                "OPENAI_API_KEY", "SMTP_PASSWORD", "SHADOW_DATABASE_URL", "RESEND_API_KEY");
        assertThat(findings).extracting(Finding::fixStrategy).containsOnly(FixStrategy.ADD_ENV_VAR);
        assertThat(findings.get(4).tool()).isEqualTo("prisma");
    }

    @Test
    void aSchemaFailureNamesEachVariableAndTheCodeThatParsedThem() {
        List<Finding> findings = read("❌ Invalid environment variables: {", "  DATABASE_URL: [ 'Required' ],",
                "  NEXT_PUBLIC_POSTHOG_KEY: [ 'Required' ]", "}",
                "    at createEnv (/vercel/path0/node_modules/@t3-oss/env-core/dist/index.js:30:15)",
                "    at <unknown> (src/env.mjs:4:20)");

        assertThat(findings).extracting(Finding::subject).containsExactly("DATABASE_URL", "NEXT_PUBLIC_POSTHOG_KEY");
        assertThat(findings).extracting(Finding::file).containsOnly("src/env.mjs");
    }

    @Test
    void zodErrorsThatAreNotAboutTheEnvironmentAreNotMissingVariables() {
        assertThat(read("ZodError: [", "  {", "    \"code\": \"invalid_type\",", "    \"path\": [\"userId\"],",
                "    \"message\": \"Required\"", "  }", "]", "    at parse (/srv/app/src/handlers/order.ts:9:3)"))
                .isEmpty();
    }

    @Test
    void codeThatMentionsAVariableIsNotAFinding() {
        assertThat(read("    throw new Error(`Missing required environment variable: ${name}`);",
                "ReferenceError: formatPrice is not defined")).isEmpty();
    }
}

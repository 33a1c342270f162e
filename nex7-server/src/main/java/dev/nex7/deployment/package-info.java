/**
 * Deployments: for now, build-log analysis. {@link dev.nex7.deployment.LogAnalysis} turns a raw
 * build or runtime log into typed {@link dev.nex7.deployment.Finding}s, one of them the root cause;
 * the deployment monitor and the fix generators use it, and {@code POST /api/logs/analyze} offers
 * it to people. Analyzers are {@link dev.nex7.deployment.LogAnalyzer} beans, one per tool family;
 * adding one is adding a bean.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Deployment")
package dev.nex7.deployment;

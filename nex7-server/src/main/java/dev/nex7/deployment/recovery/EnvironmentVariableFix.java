package dev.nex7.deployment.recovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialKinds;
import dev.nex7.credential.CredentialSummary;
import dev.nex7.credential.CredentialVault;
import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.recovery.FixProposal.NeedsInput;
import dev.nex7.deployment.recovery.FixProposal.OtherVercelEnvironment;
import dev.nex7.deployment.recovery.FixProposal.SetEnvironment;
import dev.nex7.deployment.recovery.FixProposal.VaultCredential;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.integration.VercelApi.VercelVariable;

/**
 * A build that fails for want of an environment variable gets it on the deployment target when its
 * value is known, and otherwise a person is asked. Where the value is looked for, in order:
 * <ol>
 * <li>an {@code environment-variable} credential of that name in the project's vault: a confident
 * fix, proven by a build with the variable set;</li>
 * <li>for a Vercel deployment, the same variable set for another environment of the same Vercel
 * project: a proposal below the default threshold, never tried by itself, whose rationale says where
 * the value would come from (a preview value is often wrong for production).</li>
 * </ol>
 * A proposal names where the value is, never the value.
 */
@Component
class EnvironmentVariableFix implements FixGenerator {

    static final String STRATEGY = FixStrategy.ADD_ENV_VAR.id();
    static final double FROM_VAULT = 0.9;
    static final double FROM_OTHER_ENVIRONMENT = 0.3;
    static final double UNKNOWN = 0.5;
    private static final int MAX_PROPOSALS = 3;
    private static final Logger log = LoggerFactory.getLogger(EnvironmentVariableFix.class);

    private final CredentialVault vault;
    private final VercelApi vercel;

    EnvironmentVariableFix(CredentialVault vault, VercelApi vercel) {
        this.vault = vault;
        this.vercel = vercel;
    }

    @Override
    public List<FixProposal> propose(FixContext context) {
        List<FixProposal> proposals = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Finding finding : context.findings()) {
            String name = finding.subject();
            if (finding.fixStrategy() != FixStrategy.ADD_ENV_VAR || name == null || !seen.add(name)) {
                continue;
            }
            proposals.add(fromVault(context, finding).or(() -> fromOtherVercelEnvironment(context, finding))
                    .orElseGet(() -> FixProposal.rule(STRATEGY, UNKNOWN, "The build reads the environment variable " + name
                            + ", which the deployment target does not set; NEX7 does not know its value.", finding,
                            new NeedsInput("Set " + name + " in the deployment target's environment (or keep it in the project's vault "
                                    + "as an environment-variable credential), then redeploy."))));
            if (proposals.size() >= MAX_PROPOSALS) {
                break;
            }
        }
        return proposals;
    }

    private Optional<FixProposal> fromVault(FixContext context, Finding finding) {
        String name = finding.subject();
        return vault.findByField(context.deployment().projectId(), CredentialKinds.ENVIRONMENT_VARIABLE, "name", name).stream()
                .findFirst().map((CredentialSummary credential) -> {
                    VaultCredential source = new VaultCredential(credential.id(), credential.name());
                    return FixProposal.rule(STRATEGY, FROM_VAULT, "The build reads the environment variable " + name
                            + ", which the deployment target does not set; its value is " + source.describe()
                            + ", so the target gets it there and the same commit is deployed again.", finding,
                            new SetEnvironment(name, source));
                });
    }

    private Optional<FixProposal> fromOtherVercelEnvironment(FixContext context, Finding finding) {
        Deployment failed = context.deployment();
        if (!Deployment.VERCEL.equals(failed.target())) {
            return Optional.empty();
        }
        String name = finding.subject();
        String environment = failed.environment() == null ? "production" : failed.environment();
        List<VercelVariable> variables;
        try {
            variables = vercel.environmentVariables(failed.projectId());
        } catch (VercelUnavailable unavailable) {
            log.info("The Vercel variables of project {} could not be read: {}", failed.projectId(), unavailable.getMessage());
            return Optional.empty();
        }
        List<VercelVariable> named = variables.stream().filter(variable -> variable.key().equals(name)).toList();
        if (named.isEmpty() || named.stream().anyMatch(variable -> variable.targets().contains(environment))) {
            return Optional.empty(); // unknown there, or set for this environment already: something else is wrong
        }
        VercelVariable other = named.getFirst();
        OtherVercelEnvironment source = new OtherVercelEnvironment(other.id(), other.targets());
        return Optional.of(FixProposal.rule(STRATEGY, FROM_OTHER_ENVIRONMENT, "The build reads the environment variable " + name
                + ", which the Vercel project does not set for " + environment + ". The value would come from " + source.describe()
                + "; NEX7 does not copy it by itself, because a value meant for one environment is often wrong for another: check it "
                + "and set " + name + " for " + environment + ".", finding, new SetEnvironment(name, source)));
    }
}

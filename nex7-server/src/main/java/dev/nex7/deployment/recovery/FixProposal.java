package dev.nex7.deployment.recovery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.nex7.credential.CredentialId;
import dev.nex7.deployment.Finding;

/**
 * A fix a generator proposes for a failed deployment: what it changes, how sure the generator is and
 * why. Only proposals whose confidence reaches the project's threshold are tried; the rest are
 * recorded as skipped, so calibration sees them too.
 *
 * @param strategy the fix strategy id ({@code add-dependency}, …, {@code model-patch})
 * @param source {@code rule} or {@code model}
 * @param confidence between 0 and 1
 * @param rationale one or two sentences a person can check
 * @param finding the finding it fixes
 * @param changes what it does to the checkout, in order
 */
public record FixProposal(String strategy, String source, double confidence, String rationale, Finding finding, List<Change> changes) {

    public FixProposal {
        Objects.requireNonNull(strategy, "strategy");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a fix changes something");
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence " + confidence);
        }
    }

    /** A rule-based proposal of one or more changes. */
    public static FixProposal rule(String strategy, double confidence, String rationale, Finding finding, Change... changes) {
        return new FixProposal(strategy, "rule", confidence, rationale, finding, List.of(changes));
    }

    /** Whether a person must answer before this fix can be tried. */
    public boolean needsInput() {
        return changes.stream().anyMatch(NeedsInput.class::isInstance);
    }

    /** What a fix does to the checkout before it is proven. */
    public sealed interface Change {
    }

    /** Replace the text of these files (created when new). */
    public record FileEdits(Map<String, String> files) implements Change {
    }

    /** Run a command in the checkout, in the build sandbox (for example {@code npx eslint --fix src}). */
    public record Command(String command) implements Change {
    }

    /** Apply a unified diff that may only touch {@code allowedFiles}. */
    public record Patch(String diff, Set<String> allowedFiles) implements Change {
    }

    /** Nothing NEX7 can do alone: a person must answer {@code question} (a missing value, say). */
    public record NeedsInput(String question) implements Change {
    }

    /**
     * Set the deployment target's environment variable {@code name} to the value {@code source} names.
     * It changes no file: the proof builds with the variable set, and delivery stores it on the target
     * and redeploys. The proposal holds where the value comes from, never the value.
     */
    public record SetEnvironment(String name, ValueSource source) implements Change {
    }

    /** Where the value of a variable a fix sets comes from. */
    public sealed interface ValueSource {

        /** Where, in words for a rationale (never the value). */
        String describe();
    }

    /** An {@code environment-variable} credential of the project's vault. */
    public record VaultCredential(CredentialId credential, String credentialName) implements ValueSource {

        @Override
        public String describe() {
            return "the credential \"" + credentialName + "\" of the project's vault";
        }
    }

    /**
     * The same variable as the same Vercel project defines it for other environments. NEX7 does not
     * copy such a value by itself (a preview value is often wrong for production): a person decides.
     */
    public record OtherVercelEnvironment(String vercelVariableId, List<String> environments) implements ValueSource {

        public OtherVercelEnvironment {
            environments = List.copyOf(environments);
        }

        @Override
        public String describe() {
            return "the value the linked Vercel project defines for " + String.join(" and ", environments) + " (variable "
                    + vercelVariableId + ")";
        }
    }
}

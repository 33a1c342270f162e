package dev.nex7.deployment.recovery;

import java.util.List;

/**
 * Proposes fixes for a failed deployment. Rule-based generators each handle one
 * {@link dev.nex7.deployment.FixStrategy}; the model-made one asks the Debugger for a patch. A
 * generator that has nothing to say returns an empty list; one that fails is logged and skipped.
 */
public interface FixGenerator {

    List<FixProposal> propose(FixContext context);
}

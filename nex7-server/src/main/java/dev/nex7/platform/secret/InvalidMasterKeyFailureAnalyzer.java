package dev.nex7.platform.secret;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable master key into a short start-up report instead of a stack trace. */
class InvalidMasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMasterKey> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMasterKey cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set NEX7_MASTER_KEY to the output of `openssl rand -base64 32` (and keep it safe), or unset it"
                        + " to let NEX7 keep its key in the key file under the data directory.", cause);
    }
}

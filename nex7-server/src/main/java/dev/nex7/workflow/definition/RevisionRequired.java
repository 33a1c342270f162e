package dev.nex7.workflow.definition;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** A draft write without {@code If-Match}: refused so that nobody overwrites a draft blindly. */
public class RevisionRequired extends ApiProblem {

    public RevisionRequired() {
        super(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", "If-Match is required",
                "Send the ETag you read the draft with in an If-Match header.");
    }
}

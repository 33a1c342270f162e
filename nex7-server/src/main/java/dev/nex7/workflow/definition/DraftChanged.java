package dev.nex7.workflow.definition;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The draft was saved by someone else since the caller read it: saving now would overwrite their work. */
public class DraftChanged extends ApiProblem {

    public DraftChanged(long current) {
        super(HttpStatus.PRECONDITION_FAILED, "draft-changed", "The draft has changed",
                "The draft was saved by someone else (it is now at revision " + current
                        + "). Load it again and re-apply your change.");
    }
}

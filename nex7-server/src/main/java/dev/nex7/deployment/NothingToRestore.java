package dev.nex7.deployment;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** A rollback has nothing to go back to: no deployment of the same target and environment became ready before the broken one. */
public class NothingToRestore extends ApiProblem {

    public NothingToRestore() {
        super(HttpStatus.CONFLICT, "nothing-to-restore", "No earlier deployment to roll back to",
                "No deployment of this target and environment became ready before this one.");
    }
}

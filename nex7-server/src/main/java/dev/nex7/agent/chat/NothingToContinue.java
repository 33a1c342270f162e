package dev.nex7.agent.chat;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** Stop, retry or a confirmation found nothing to act on. */
public class NothingToContinue extends ApiProblem {

    public NothingToContinue(String detail) {
        super(HttpStatus.CONFLICT, "nothing-to-continue", "Nothing to continue", detail);
    }
}

package dev.nex7.agent.chat;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The conversation already has a turn going: one at a time. */
public class TurnRunning extends ApiProblem {

    public TurnRunning() {
        super(HttpStatus.CONFLICT, "turn-running", "An answer is still being written",
                "This conversation is answering already; wait for it or stop it first.");
    }
}

package dev.nex7.agent;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No such conversation, or it is someone else's: the two are not told apart. */
public class ConversationNotFound extends ApiProblem {

    public ConversationNotFound() {
        super(HttpStatus.NOT_FOUND, "conversation-not-found", "Conversation not found",
                "There is no such conversation.");
    }
}

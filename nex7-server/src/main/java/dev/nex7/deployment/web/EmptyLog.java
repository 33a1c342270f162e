package dev.nex7.deployment.web;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The log to analyse is empty or only whitespace. */
class EmptyLog extends ApiProblem {

    EmptyLog() {
        super(HttpStatus.BAD_REQUEST, "log-empty", "The log is empty", "Send the log's text as the request body.");
    }
}

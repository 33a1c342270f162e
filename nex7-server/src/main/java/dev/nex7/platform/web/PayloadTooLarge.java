package dev.nex7.platform.web;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The request body is larger than {@code nex7.http.max-body-size}. */
public class PayloadTooLarge extends ApiProblem {

    public PayloadTooLarge(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
                "The request body is larger than the limit of " + limit + " bytes.");
    }
}

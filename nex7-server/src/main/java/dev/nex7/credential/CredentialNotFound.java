package dev.nex7.credential;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The project has no credential with this id. */
public class CredentialNotFound extends ApiProblem {

    public CredentialNotFound() {
        super(HttpStatus.NOT_FOUND, "credential-not-found", "Credential not found",
                "This project has no such credential.");
    }
}

package dev.nex7.credential;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** Another credential of the project has this name (names are compared ignoring case). */
public class CredentialNameTaken extends ApiProblem {

    public CredentialNameTaken() {
        super(HttpStatus.CONFLICT, "credential-name-taken", "Credential name taken",
                "Another credential of this project has this name.");
    }
}

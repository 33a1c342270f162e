package dev.nex7.integration.allowlist;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The outbound allow-list holds this entry already. */
public class AllowedHostExists extends ApiProblem {

    public AllowedHostExists(String entry) {
        super(HttpStatus.CONFLICT, "allowed-host-exists", "Already on the allow-list",
                entry + " is on the outbound allow-list already.");
    }
}

package dev.nex7.integration.allowlist;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No allow-list entry an administrator added has this id (configured entries have none). */
public class AllowedHostNotFound extends ApiProblem {

    public AllowedHostNotFound() {
        super(HttpStatus.NOT_FOUND, "allowed-host-not-found", "Allow-list entry not found",
                "There is no such entry on the outbound allow-list.");
    }
}

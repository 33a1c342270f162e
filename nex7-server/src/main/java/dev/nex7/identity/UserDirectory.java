package dev.nex7.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Looks accounts up for other modules, without exposing credentials or roles. */
public interface UserDirectory {

    Optional<UserSummary> find(UserId id);

    /** Finds an account by email, normalised the way registration normalises it. */
    Optional<UserSummary> findByEmail(String email);

    Map<UserId, UserSummary> findAll(Collection<UserId> ids);
}

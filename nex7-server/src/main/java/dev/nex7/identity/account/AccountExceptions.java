package dev.nex7.identity.account;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** The failures of account operations, each a stable problem type. */
public final class AccountExceptions {

    private AccountExceptions() {
    }

    /** Registration refused because the address is taken; says no more than that. */
    public static final class EmailAlreadyRegistered extends ApiProblem {
        public EmailAlreadyRegistered() {
            super(HttpStatus.CONFLICT, "email-unavailable", "Email not available",
                    "An account cannot be created with this email address. If it is yours, sign in instead.");
        }
    }

    /** Wrong email or password; deliberately does not say which. */
    public static final class InvalidCredentials extends ApiProblem {
        public InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
                    "The email or password is not correct.");
        }
    }

    public static final class UserNotFound extends ApiProblem {
        public UserNotFound() {
            super(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "There is no such user.");
        }
    }

    public static final class OwnRoleChangeRefused extends ApiProblem {
        public OwnRoleChangeRefused() {
            super(HttpStatus.FORBIDDEN, "own-role-change", "Cannot change your own role",
                    "An administrator cannot change their own role; ask another administrator.");
        }
    }
}

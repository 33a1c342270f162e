package dev.nex7.identity.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.identity.Role;
import dev.nex7.identity.UserDirectory;
import dev.nex7.identity.UserId;
import dev.nex7.identity.UserRegistered;
import dev.nex7.identity.UserRoleChanged;
import dev.nex7.identity.UserSummary;
import dev.nex7.identity.account.AccountExceptions.EmailAlreadyRegistered;
import dev.nex7.identity.account.AccountExceptions.InvalidCredentials;
import dev.nex7.identity.account.AccountExceptions.OwnRoleChangeRefused;
import dev.nex7.identity.account.AccountExceptions.UserNotFound;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.WebAddress;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;

/** Registration, password sign-in, profiles and platform roles. */
@Service
public class Accounts implements UserDirectory {

    /** Sort fields the admin user list accepts, mapped to columns. */
    public static final Map<String, String> SORTS = Map.of("createdAt", "created_at", "email", "email", "name", "lower(name)",
            "lastLoginAt", "last_login_at", "role", "role");

    private final Users users;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final IdentitySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;
    /** Compared against when the email is unknown, so both paths cost one hash check. */
    private final String decoyHash;

    Accounts(Users users, PasswordEncoder passwords, PasswordPolicy policy, IdentitySettings settings,
            ApplicationEventPublisher events, Clock clock, TransactionTemplate transactions) {
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
        this.decoyHash = passwords.encode("decoy-password-for-unknown-accounts");
    }

    /**
     * Creates an account. The deliberately slow password hash is computed before the transaction,
     * so it holds neither a connection nor the first-admin lock while hashing.
     */
    public Account register(String email, String password, String name) {
        String normalised = EmailAddress.normalise(email);
        List<FieldError> errors = new ArrayList<>();
        if (!EmailAddress.isPlausible(normalised)) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        String cleanName = name == null ? null : name.strip();
        if (cleanName == null || cleanName.isEmpty() || cleanName.length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        policy.problem(password, normalised).ifPresent(p -> errors.add(new FieldError("password", p)));
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        String hash = passwords.encode(password);
        return transactions.execute(status -> {
            users.lockRegistrations();
            if (users.existsByEmail(normalised)) {
                throw new EmailAlreadyRegistered();
            }
            Account account = new Account(UserId.random(), normalised, cleanName, null, hash,
                    initialRole(normalised), now(), null);
            try {
                users.insert(account);
            } catch (DuplicateKeyException e) {
                throw new EmailAlreadyRegistered();
            }
            events.publishEvent(new UserRegistered(account.id()));
            return account;
        });
    }

    private Role initialRole(String normalisedEmail) {
        String adminEmail = EmailAddress.normalise(settings.adminEmail());
        if (adminEmail != null && !adminEmail.isEmpty()) {
            return adminEmail.equals(normalisedEmail) ? Role.ADMIN : Role.USER;
        }
        return users.anyExists() ? Role.USER : Role.ADMIN;
    }

    /**
     * Checks a password sign-in; unknown emails cost the same hash check as wrong passwords. Not
     * one transaction: the slow hash check must not hold a connection.
     */
    public Account authenticate(String email, String password) {
        Optional<Account> account = users.findByEmail(EmailAddress.normalise(email));
        String hash = account.map(Account::passwordHash).orElse(decoyHash);
        boolean matches = password != null && passwords.matches(password, hash);
        if (account.isEmpty() || !matches) {
            throw new InvalidCredentials();
        }
        users.recordLogin(account.get().id(), now());
        return users.find(account.get().id()).orElseThrow(InvalidCredentials::new);
    }

    public Account get(UserId id) {
        return users.find(id).orElseThrow(UserNotFound::new);
    }

    public Optional<Account> findAccount(UserId id) {
        return users.find(id);
    }

    /**
     * Applies a partial profile change. Each argument is {@code null} when the field was absent
     * (kept as is), empty when it was JSON {@code null} (cleared), or the new value.
     */
    @Transactional
    public Account updateProfile(UserId id, Optional<String> name, Optional<String> avatarUrl) {
        Account current = get(id);
        List<FieldError> errors = new ArrayList<>();
        String newName = name == null ? current.name() : name.map(String::strip).orElse("");
        if (newName.isEmpty() || newName.length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        String newAvatar = avatarUrl == null ? current.avatarUrl()
                : avatarUrl.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (newAvatar != null && !WebAddress.isHttp(newAvatar)) {
            errors.add(new FieldError("avatarUrl", "must be an http or https URL"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        users.updateProfile(id, newName, newAvatar);
        return get(id);
    }

    @Transactional
    public Account changeRole(UserId target, Role role, UserId changedBy) {
        if (target.equals(changedBy)) {
            throw new OwnRoleChangeRefused();
        }
        Account account = get(target);
        if (account.role() != role) {
            users.updateRole(target, role);
            events.publishEvent(new UserRoleChanged(target, role, changedBy));
        }
        return get(target);
    }

    public PageView<Account> list(PageQuery query) {
        return PageView.of(users.page(query), query, users.count());
    }

    @Override
    public Optional<UserSummary> find(UserId id) {
        return users.find(id).map(Accounts::summary);
    }

    @Override
    public Optional<UserSummary> findByEmail(String email) {
        return users.findByEmail(EmailAddress.normalise(email)).map(Accounts::summary);
    }

    @Override
    public Map<UserId, UserSummary> findAll(Collection<UserId> ids) {
        return users.findAll(ids).stream().map(Accounts::summary)
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }

    private static UserSummary summary(Account account) {
        return new UserSummary(account.id(), account.email(), account.name());
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; truncating keeps what we return equal to what we stored.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

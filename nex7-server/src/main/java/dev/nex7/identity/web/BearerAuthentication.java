package dev.nex7.identity.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.UserId;
import dev.nex7.identity.UserRoleChanged;
import dev.nex7.identity.account.Accounts;

/**
 * Turns a verified access token into the caller: the account must still exist, and its role is
 * read from the account (cached for a few seconds, dropped on a role change), not trusted from
 * the token, so a demotion takes effect at once on this instance.
 */
@Component
class BearerAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

    private final Accounts accounts;
    private final Cache<UserId, Optional<AuthenticatedUser>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(10)).maximumSize(10_000).build();

    BearerAuthentication(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UserId id;
        try {
            id = new UserId(UUID.fromString(jwt.getSubject()));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("The token's subject is not an account");
        }
        AuthenticatedUser user = cache.get(id, key -> accounts.findAccount(key)
                .map(a -> new AuthenticatedUser(a.id(), a.email(), a.role())))
                .orElseThrow(() -> new InvalidBearerTokenException("The account no longer exists"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        return UsernamePasswordAuthenticationToken.authenticated(user, jwt, authorities);
    }

    @EventListener
    void on(UserRoleChanged event) {
        cache.invalidate(event.userId());
    }
}

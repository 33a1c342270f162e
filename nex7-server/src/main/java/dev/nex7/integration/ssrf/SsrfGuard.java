package dev.nex7.integration.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.nex7.integration.HostResolver;

/**
 * Decides whether outbound HTTP may reach a host, port and address. It is consulted three times for
 * each connection: for the URL's host before anything is looked up (names of this machine or of a
 * cloud metadata service, IP literals), for every address the one name look-up returns, and for the
 * address a socket is about to connect to. An allow-list entry opens a host (or one port of it)
 * whatever it resolves to.
 */
public class SsrfGuard {

    /** Names that mean this machine or a cloud metadata service, whatever DNS says about them. */
    private static final Set<String> BLOCKED_NAMES = Set.of("localhost", "localhost.localdomain",
            "ip6-localhost", "ip6-loopback", "metadata", "metadata.google.internal", "metadata.goog",
            "instance-data", "instance-data.ec2.internal");

    private static final String HINT = " (an administrator can open it in the outbound allow-list)";

    private final boolean enabled;
    private final Supplier<? extends Collection<AllowedHost>> allowList;
    private final HostResolver resolver;

    /**
     * @param enabled whether to check anything; when {@code false} every host and address passes
     * @param allowList the current allow-list, asked on every check so that changes apply at once
     * @param resolver the name look-up
     */
    public SsrfGuard(boolean enabled, Supplier<? extends Collection<AllowedHost>> allowList, HostResolver resolver) {
        this.enabled = enabled;
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Whether checks are on. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks what can be checked before a look-up: a blocked name, or an IP literal's address.
     *
     * @throws AddressBlocked naming the host and the reason
     */
    public void checkTarget(Target target) throws AddressBlocked {
        if (target.host().isLiteral()) {
            checkConnect(target.host(), target.port(), target.host().address());
        } else {
            checkName(target.host(), target.port());
        }
    }

    private void checkName(Host host, int port) throws AddressBlocked {
        if (enabled && !opened(host, port) && isBlockedName(host.text())) {
            throw new AddressBlocked(host + " is a name for this machine or a cloud metadata service" + HINT);
        }
    }

    /**
     * Looks {@code host} up once and checks every address it answered. When any address is blocked
     * the whole answer is refused: a name that answers with both public and private addresses is
     * how DNS rebinding starts.
     *
     * @return the checked addresses, in the resolver's order; connect to these and nothing else
     * @throws AddressBlocked when the name or an address is blocked
     * @throws UnknownHostException when the name does not resolve
     */
    public List<InetAddress> resolve(Host host, int port) throws UnknownHostException {
        if (host.isLiteral()) {
            checkConnect(host, port, host.address());
            return List.of(host.address());
        }
        checkName(host, port);
        List<InetAddress> addresses = resolver.resolve(host.text());
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(host + " has no address");
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = blockReason(host, port, address);
            if (reason.isPresent()) {
                throw new AddressBlocked(host + " resolves to " + reason.get() + HINT);
            }
        }
        return List.copyOf(addresses);
    }

    /**
     * Checks the address a socket for {@code host}:{@code port} is about to connect to.
     *
     * @throws AddressBlocked naming the host and the reason
     */
    public void checkConnect(Host host, int port, InetAddress address) throws AddressBlocked {
        Optional<String> reason = blockReason(host, port, address);
        if (reason.isPresent()) {
            String subject = host.isLiteral() && host.address().equals(address) ? host + " is " : host
                    + " resolves to ";
            throw new AddressBlocked(subject + reason.get() + HINT);
        }
    }

    private Optional<String> blockReason(Host host, int port, InetAddress address) {
        if (!enabled || opened(host, port)) {
            return Optional.empty();
        }
        if (allowList.get().stream().anyMatch(entry -> entry.opens(address, port))) {
            return Optional.empty();
        }
        return AddressRanges.blockReason(address);
    }

    private boolean opened(Host host, int port) {
        return allowList.get().stream().anyMatch(entry -> entry.opens(host, port));
    }

    private static boolean isBlockedName(String name) {
        return BLOCKED_NAMES.contains(name) || name.endsWith(".localhost");
    }
}

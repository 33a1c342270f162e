package dev.nex7.integration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into IP addresses for {@link OutboundHttp}. It is asked once per connection and
 * the connection goes to one of exactly the addresses it answered, after each was checked: there is
 * no second look-up for a rebinding DNS server to answer differently.
 *
 * <p>The system resolver is used unless the application context holds a bean of this type; tests
 * declare one to point made-up names at local fakes.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * The addresses of {@code host}, a lower-case ASCII name (never an IP literal).
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver ({@link InetAddress#getAllByName}). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}

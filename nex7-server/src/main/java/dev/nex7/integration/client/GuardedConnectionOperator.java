package dev.nex7.integration.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.nex7.integration.ssrf.AddressBlocked;
import dev.nex7.integration.ssrf.Host;
import dev.nex7.integration.ssrf.SsrfGuard;

/**
 * Opens the HTTP client's connections through the guard. Names are resolved once by
 * {@link SsrfGuard#resolve}, which checks every address; each socket then checks the address it is
 * about to connect to, and the address it did connect to, against the host and port the connection
 * is for. Unix domain sockets and SOCKS proxies are refused outright.
 */
final class GuardedConnectionOperator implements HttpClientConnectionOperator {

    private final SsrfGuard guard;
    private final SchemePortResolver ports;
    private final DnsResolver names;
    private final Lookup<TlsSocketStrategy> tls;
    private final DefaultHttpClientConnectionOperator upgrades;

    GuardedConnectionOperator(SsrfGuard guard, SchemePortResolver ports, Lookup<TlsSocketStrategy> tls) {
        this.guard = guard;
        this.ports = ports;
        this.names = new GuardedNames(guard);
        this.tls = tls;
        this.upgrades = new DefaultHttpClientConnectionOperator(ports, names, tls);
    }

    @Override
    public void connect(ManagedHttpClientConnection connection, HttpHost host, InetSocketAddress localAddress,
            TimeValue connectTimeout, SocketConfig socketConfig, HttpContext context) throws IOException {
        connect(connection, host, host, null, localAddress, Timeout.of(connectTimeout.getDuration(), connectTimeout.getTimeUnit()), socketConfig,
                null, context);
    }

    @Override
    public void connect(ManagedHttpClientConnection connection, HttpHost endpointHost, NamedEndpoint endpointName,
            Path unixDomainSocket, InetSocketAddress localAddress, Timeout connectTimeout, SocketConfig socketConfig,
            Object attachment, HttpContext context) throws IOException {
        if (unixDomainSocket != null) {
            throw new AddressBlocked("Unix domain sockets cannot be reached by outbound HTTP");
        }
        int port = ports.resolve(endpointHost);
        Host host = endpointHost.getAddress() != null ? Host.of(endpointHost.getAddress())
                : Host.parse(endpointHost.getHostName());
        // One operator per connection, so that the sockets it creates know which host and port
        // they are for; it is a handful of fields.
        new DefaultHttpClientConnectionOperator(proxy -> guardedSocket(proxy, host, port), ports, names, tls)
                .connect(connection, endpointHost, endpointName, null, localAddress, connectTimeout, socketConfig,
                        attachment, context);
    }

    @Override
    public void upgrade(ManagedHttpClientConnection connection, HttpHost host, HttpContext context)
            throws IOException {
        upgrades.upgrade(connection, host, context);
    }

    @Override
    public void upgrade(ManagedHttpClientConnection connection, HttpHost endpointHost, NamedEndpoint endpointName,
            Object attachment, HttpContext context) throws IOException {
        upgrades.upgrade(connection, endpointHost, endpointName, attachment, context);
    }

    private Socket guardedSocket(Proxy proxy, Host host, int port) throws IOException {
        if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
            throw new AddressBlocked("Outbound HTTP does not go through SOCKS proxies");
        }
        return new GuardedSocket(guard, host, port);
    }

    /** A socket that will only connect to an address the guard accepts for its host and port. */
    static final class GuardedSocket extends Socket {

        private final SsrfGuard guard;
        private final Host host;
        private final int port;

        GuardedSocket(SsrfGuard guard, Host host, int port) {
            this.guard = guard;
            this.host = host;
            this.port = port;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new AddressBlocked(host + " has no checked address to connect to");
            }
            guard.checkConnect(host, port, inet.getAddress());
            super.connect(endpoint, timeout);
            try {
                guard.checkConnect(host, port, getInetAddress());
            } catch (AddressBlocked refused) {
                close();
                throw refused;
            }
        }
    }

    /** The HTTP client's name resolution: the guard's one checked look-up. */
    private record GuardedNames(SsrfGuard guard) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            // Without a port only entries that open every port of a host apply.
            return guard.resolve(parse(host), 0).toArray(InetAddress[]::new);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return guard.resolve(parse(host), port).stream().map(address -> new InetSocketAddress(address, port))
                    .toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // No reverse look-ups: they would be one more answer an attacker's DNS server controls.
            return host;
        }

        private static Host parse(String host) throws UnknownHostException {
            try {
                return Host.parse(host.contains(":") ? "[" + host + "]" : host);
            } catch (IllegalArgumentException invalid) {
                throw new UnknownHostException(invalid.getMessage());
            }
        }
    }
}

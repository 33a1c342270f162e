package dev.nex7.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.nex7.integration.allowlist.OutboundAllowList;
import dev.nex7.integration.ssrf.AddressBlocked;
import dev.nex7.integration.ssrf.Host;
import dev.nex7.integration.ssrf.SsrfGuard;

/**
 * Outbound connections that are not HTTP (SMTP, databases) under the same SSRF policy as
 * {@link OutboundHttp}: the same blocked names and address ranges, and the same administrators'
 * allow-list, read on every check.
 *
 * <p>Client libraries such as JDBC drivers and Jakarta Mail open their own sockets and resolve names
 * themselves. They are given {@link #socketFactory()}, whose sockets check the address they are
 * about to connect to, and the address they did connect to, against the host name and port they
 * were asked for; a name that resolves differently the second time (DNS rebinding) still cannot
 * reach a blocked address. {@link #check} looks a host up beforehand to fail early with a clear
 * message.
 */
@Component
public final class OutboundSockets {

    private final SsrfGuard guard;

    @Autowired
    OutboundSockets(IntegrationSettings settings, OutboundAllowList allowList, ObjectProvider<HostResolver> resolver) {
        this(new SsrfGuard(settings.ssrfGuardEnabled(), allowList::hosts, resolver.getIfAvailable(HostResolver::system)));
    }

    OutboundSockets(SsrfGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Checks that {@code host}:{@code port} may be reached: the name itself, then every address one
     * look-up returns.
     *
     * @param host a name, an IPv4 address, or an IPv6 address with or without brackets
     * @return the checked addresses
     * @throws OutboundAddressBlocked when the host is, or resolves to, a blocked address
     * @throws UnknownHostException when the host is not valid or does not resolve
     */
    public List<InetAddress> check(String host, int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new UnknownHostException("A port is a number between 1 and 65535");
        }
        try {
            return guard.resolve(host(host), port);
        } catch (AddressBlocked blocked) {
            throw new OutboundAddressBlocked(blocked.getMessage());
        }
    }

    /**
     * Makes unconnected sockets that only connect to an address the policy accepts for the host name
     * and port of the {@link InetSocketAddress} they are asked to connect to. Unresolved addresses
     * (which a proxy would resolve) are refused.
     */
    public SocketFactory socketFactory() {
        return new CheckedSockets();
    }

    /**
     * Wraps a TLS socket factory so that TLS is only layered over a socket connected to an address
     * the policy accepts, checked before the handshake sends a byte. For clients that connect the
     * plain socket themselves before starting TLS (Jakarta Mail's implicit TLS does).
     */
    public SSLSocketFactory checkedTls(SSLSocketFactory tls) {
        return new CheckedTls(Objects.requireNonNull(tls, "tls"));
    }

    private static Host host(String host) throws UnknownHostException {
        try {
            return Host.parse(host != null && host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        } catch (IllegalArgumentException invalid) {
            throw new UnknownHostException(invalid.getMessage());
        }
    }

    private void checkConnected(String hostName, int port, InetAddress address) throws IOException {
        try {
            guard.checkConnect(host(hostName), port, address);
        } catch (AddressBlocked blocked) {
            throw new OutboundAddressBlocked(blocked.getMessage());
        }
    }

    /** A plain socket that checks where it connects, before and after connecting. */
    private final class CheckedSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new OutboundAddressBlocked("A connection needs a resolved address to be checked");
            }
            checkConnected(inet.getHostString(), inet.getPort(), inet.getAddress());
            super.connect(endpoint, timeout);
            try {
                checkConnected(inet.getHostString(), inet.getPort(), getInetAddress());
            } catch (IOException refused) {
                close();
                throw refused;
            }
        }
    }

    private final class CheckedSockets extends SocketFactory {

        @Override
        public Socket createSocket() {
            return new CheckedSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
            Socket socket = new CheckedSocket();
            socket.bind(new InetSocketAddress(localAddress, localPort));
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress address, int port) throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket socket = new CheckedSocket();
            socket.bind(new InetSocketAddress(localAddress, localPort));
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        }

        private Socket connected(InetSocketAddress address) throws IOException {
            Socket socket = new CheckedSocket();
            socket.connect(address);
            return socket;
        }
    }

    private final class CheckedTls extends SSLSocketFactory {

        private final SSLSocketFactory tls;
        private final CheckedSockets plain = new CheckedSockets();

        CheckedTls(SSLSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            if (!socket.isConnected()) {
                throw new SocketException("TLS is layered over a connected socket only");
            }
            try {
                checkConnected(host, socket.getPort(), socket.getInetAddress());
            } catch (IOException refused) {
                socket.close();
                throw refused;
            }
            return tls.createSocket(socket, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return tls.createSocket(plain.createSocket(host, port), host, port, true);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
            return tls.createSocket(plain.createSocket(host, port, localAddress, localPort), host, port, true);
        }

        @Override
        public Socket createSocket(InetAddress address, int port) throws IOException {
            return tls.createSocket(plain.createSocket(address, port), address.getHostAddress(), port, true);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return tls.createSocket(plain.createSocket(address, port, localAddress, localPort),
                    address.getHostAddress(), port, true);
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            throw new SocketException("Server-side TLS is not supported here");
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }
    }
}

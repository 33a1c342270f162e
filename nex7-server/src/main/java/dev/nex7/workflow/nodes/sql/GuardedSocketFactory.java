package dev.nex7.workflow.nodes.sql;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.SocketFactory;

import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * The socket factory the JDBC drivers are told to use, so that every database connection (and the
 * extra connections drivers open to cancel a query) goes through the SSRF policy's checked sockets.
 *
 * <p>Drivers create socket factories from a class name, so the checked factory cannot be handed to
 * them: it is registered here under a random key, and the key travels in a connection property
 * ({@code socketFactoryArg} for PostgreSQL, {@value #KEY_PROPERTY} for MariaDB Connector/J). A key
 * that is not registered gives no socket at all, so a misconfigured connection fails closed.
 */
public final class GuardedSocketFactory extends ConfigurableSocketFactory {

    /** The MariaDB Connector/J connection property that carries the key. */
    public static final String KEY_PROPERTY = "nex7SocketGuard";

    private static final Map<String, SocketFactory> REGISTERED = new ConcurrentHashMap<>();

    private SocketFactory checked;

    /** For MariaDB Connector/J, which then calls {@link #setConfiguration}. */
    public GuardedSocketFactory() {
    }

    /** For the PostgreSQL driver, which passes {@code socketFactoryArg}. */
    public GuardedSocketFactory(String key) {
        this.checked = key == null ? null : REGISTERED.get(key);
    }

    /** Registers a checked factory and returns the key that names it. */
    static String register(SocketFactory factory) {
        String key = UUID.randomUUID().toString();
        REGISTERED.put(key, factory);
        return key;
    }

    static void unregister(String key) {
        REGISTERED.remove(key);
    }

    @Override
    public void setConfiguration(Configuration conf, String host) {
        String key = conf.nonMappedOptions().getProperty(KEY_PROPERTY);
        this.checked = key == null ? null : REGISTERED.get(key);
    }

    @Override
    public Socket createSocket() throws IOException {
        return checked().createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return checked().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return checked().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return checked().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return checked().createSocket(address, port, localAddress, localPort);
    }

    private SocketFactory checked() throws SocketException {
        if (checked == null) {
            throw new SocketException("No checked socket factory is registered for this connection");
        }
        return checked;
    }
}

package dev.nex7.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

/**
 * Non-HTTP connections (SMTP, databases) under the HTTP SSRF policy: the early check of a host and
 * port, and the sockets client libraries are handed, which check where they actually connect.
 */
class OutboundSocketsTests {

    private static final HostResolver DNS = host -> switch (host) {
        case "db.example" -> List.of(InetAddress.getByName("93.184.216.34"));
        case "intranet.example" -> List.of(InetAddress.getByName("10.0.0.5"));
        default -> throw new UnknownHostException(host);
    };

    @Test
    void aHostOnThisMachineOrAPrivateNetworkIsRefusedBeforeAnythingConnects() {
        OutboundSockets sockets = OutboundSocketsFixtures.opening(DNS);

        assertThatThrownBy(() -> sockets.check("127.0.0.1", 5432)).isInstanceOf(OutboundAddressBlocked.class)
                .hasMessageStartingWith("127.0.0.1 is a loopback address");
        assertThatThrownBy(() -> sockets.check("localhost", 3306)).isInstanceOf(OutboundAddressBlocked.class)
                .hasMessageContaining("a name for this machine");
        assertThatThrownBy(() -> sockets.check("intranet.example", 25)).isInstanceOf(OutboundAddressBlocked.class)
                .hasMessageStartingWith("intranet.example resolves to a private address");
        assertThatThrownBy(() -> sockets.check("::1", 5432)).isInstanceOf(OutboundAddressBlocked.class);
        assertThatThrownBy(() -> sockets.check("0x7f.1", 5432)).isInstanceOf(OutboundAddressBlocked.class);
        assertThatThrownBy(() -> sockets.check("169.254.169.254", 80)).isInstanceOf(OutboundAddressBlocked.class)
                .hasMessageContaining("metadata");
    }

    @Test
    void aPublicHostPassesAndAnUnknownOneIsNotFound() throws Exception {
        OutboundSockets sockets = OutboundSocketsFixtures.opening(DNS);

        assertThat(sockets.check("db.example", 5432)).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThatThrownBy(() -> sockets.check("nowhere.example", 5432)).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(OutboundAddressBlocked.class);
        assertThatThrownBy(() -> sockets.check("bad host", 5432)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void anAllowListEntryOpensOneHostAndPort() {
        OutboundSockets sockets = OutboundSocketsFixtures.opening(DNS, "127.0.0.1:5432", "intranet.example");

        assertThatCode(() -> sockets.check("127.0.0.1", 5432)).doesNotThrowAnyException();
        assertThatCode(() -> sockets.check("intranet.example", 25)).doesNotThrowAnyException();
        assertThatThrownBy(() -> sockets.check("127.0.0.1", 5433)).isInstanceOf(OutboundAddressBlocked.class);
    }

    @Test
    void aSocketForAPublicNameRefusesToConnectToALoopbackAddress() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = OutboundSocketsFixtures.opening(DNS).socketFactory().createSocket()) {
            // What a driver does after its own look-up answered with a rebinding address.
            InetAddress rebound = InetAddress.getByAddress("db.example", new byte[] {127, 0, 0, 1});

            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(rebound, listening.getLocalPort()), 1_000))
                    .isInstanceOf(OutboundAddressBlocked.class)
                    .hasMessageStartingWith("db.example resolves to a loopback address");
            assertThat(socket.isConnected()).isFalse();
        }
    }

    @Test
    void aSocketConnectsWhereTheAllowListOpensTheHost() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = OutboundSocketsFixtures.opening(DNS, "127.0.0.1:" + listening.getLocalPort())
                        .socketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()), 1_000);

            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void anUnresolvedAddressIsRefusedBecauseItCannotBeChecked() throws Exception {
        try (Socket socket = OutboundSocketsFixtures.opening(DNS).socketFactory().createSocket()) {
            assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("db.example", 5432), 1_000))
                    .isInstanceOf(OutboundAddressBlocked.class);
        }
    }

    @Test
    void tlsIsNotLayeredOverASocketConnectedToABlockedAddress() throws Exception {
        SSLSocketFactory tls = OutboundSocketsFixtures.opening(DNS).checkedTls((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {

            assertThatThrownBy(() -> tls.createSocket(plain, "db.example", listening.getLocalPort(), true))
                    .isInstanceOf(OutboundAddressBlocked.class)
                    .hasMessageStartingWith("db.example resolves to a loopback address");
            assertThat(plain.isClosed()).isTrue();
        }
    }

    @Test
    void blockedAddressesAreFoundAmongADriversCauses() {
        OutboundAddressBlocked blocked = new OutboundAddressBlocked("10.0.0.5 is a private address");
        Exception wrapped = new SQLException("Could not connect", new IOException("socket", blocked));

        assertThat(OutboundAddressBlocked.in(wrapped)).contains(blocked);
        assertThat(OutboundAddressBlocked.in(new SQLException("syntax"))).isEmpty();
    }
}

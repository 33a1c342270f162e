package dev.nex7.integration.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.integration.HostResolver;
import dev.nex7.integration.client.GuardedConnectionOperator.GuardedSocket;
import dev.nex7.integration.ssrf.AddressBlocked;
import dev.nex7.integration.ssrf.AllowedHost;
import dev.nex7.integration.ssrf.Host;
import dev.nex7.integration.ssrf.SsrfGuard;

/**
 * The last line: whatever address a socket is handed, it connects only where the guard allows for
 * the host it is for. This is what holds if a look-up were ever made behind the guard's back.
 */
class GuardedConnectionOperatorTests {

    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    @Test
    void aSocketForAPublicNameRefusesToConnectToALoopbackAddress() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                GuardedSocket socket = new GuardedSocket(new SsrfGuard(true, List::of, NO_DNS),
                        Host.parse("rebind.test"), listening.getLocalPort())) {

            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    listening.getLocalPort()), 1_000))
                    .isInstanceOf(AddressBlocked.class)
                    .hasMessageStartingWith("rebind.test resolves to a loopback address");
            assertThat(socket.isConnected()).isFalse();
        }
    }

    @Test
    void aSocketConnectsWhereTheAllowListOpensTheAddress() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SsrfGuard guard = new SsrfGuard(true,
                    () -> List.of(AllowedHost.parse("127.0.0.1:" + listening.getLocalPort())), NO_DNS);
            try (GuardedSocket socket = new GuardedSocket(guard, Host.parse("wiki.test"), listening.getLocalPort())) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()), 1_000);

                assertThat(socket.isConnected()).isTrue();
            }
        }
    }
}

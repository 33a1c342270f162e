package dev.nex7.integration;

import java.util.List;

import dev.nex7.integration.ssrf.AllowedHost;
import dev.nex7.integration.ssrf.SsrfGuard;

/** OutboundSockets as production builds it, with the guard on and a fixed allow-list; for tests of any module. */
public final class OutboundSocketsFixtures {

    private OutboundSocketsFixtures() {
    }

    /** With the guard on and {@code allowed} opened. */
    public static OutboundSockets opening(HostResolver resolver, String... allowed) {
        List<AllowedHost> entries = List.of(allowed).stream().map(AllowedHost::parse).toList();
        return new OutboundSockets(new SsrfGuard(true, () -> entries, resolver));
    }

    /** With the system resolver. */
    public static OutboundSockets opening(String... allowed) {
        return opening(HostResolver.system(), allowed);
    }
}

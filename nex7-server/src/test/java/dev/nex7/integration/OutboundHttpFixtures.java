package dev.nex7.integration;

import java.util.List;

import dev.nex7.integration.ssrf.AllowedHost;
import dev.nex7.integration.ssrf.SsrfGuard;

/** OutboundHttp as production builds it, with the guard on and a fixed allow-list; for tests of any module. */
public final class OutboundHttpFixtures {

    private OutboundHttpFixtures() {
    }

    /** With the default settings, the guard on, and {@code allowed} opened. Close it after the test. */
    public static OutboundHttp opening(HostResolver resolver, String... allowed) {
        List<AllowedHost> entries = List.of(allowed).stream().map(AllowedHost::parse).toList();
        return new OutboundHttp(IntegrationSettings.defaults(true, List.of()), new SsrfGuard(true, () -> entries,
                resolver));
    }

    /** With the system resolver. */
    public static OutboundHttp opening(String... allowed) {
        return opening(HostResolver.system(), allowed);
    }
}

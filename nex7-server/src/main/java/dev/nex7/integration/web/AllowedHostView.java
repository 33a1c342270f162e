package dev.nex7.integration.web;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.nex7.integration.allowlist.OutboundAllowList.Entry;
import io.swagger.v3.oas.annotations.media.Schema;

/** An outbound allow-list entry. */
public record AllowedHostView(
        @Schema(description = "null for entries from nex7.integration.allowed-hosts") UUID id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "host or host:port, canonical form") String entry,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"settings", "admin"}) String source,
        UUID createdBy,
        Instant createdAt) {

    static AllowedHostView of(Entry entry) {
        return new AllowedHostView(entry.id(), entry.host().toString(), entry.source().name().toLowerCase(Locale.ROOT),
                entry.createdBy() == null ? null : entry.createdBy().value(), entry.createdAt());
    }
}

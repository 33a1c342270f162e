package dev.nex7.workflow.collab;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Real-time collaboration on workflow drafts ({@code nex7.workflow.collab.*}).
 *
 * @param ticketLifetime how long a WebSocket ticket from {@code POST /api/workflows/{id}/collab/tickets}
 *     opens connections (it may be used more than once within that time, so that a dropped connection
 *     can come back at once)
 * @param maxMessageSize the largest WebSocket message a client may send; a larger one closes the socket (1009)
 * @param maxConnectionsPerWorkflow connections to one workflow at once; one more is closed at once (1013)
 * @param idleTimeout a connection that sends nothing for this long is closed (browsers renew their
 *     presence every 15 s, so only dead connections reach it)
 * @param saveDelay how long after the first unsaved edit the merged document is saved as the draft
 * @param compactAfterUpdates the update log of a draft is merged into one row once it holds more rows than this
 * @param compactAfterSize ... or more bytes than this
 * @param documentMemoryLimit the WebAssembly memory of the QuickJS runtime that runs Yjs (one runtime for every draft)
 * @param documentTimeout the longest one Yjs operation (merge, diff, derive the draft) may take
 */
@ConfigurationProperties("nex7.workflow.collab")
public record CollabSettings(
        @DefaultValue("60s") Duration ticketLifetime,
        @DefaultValue("2MB") DataSize maxMessageSize,
        @DefaultValue("32") int maxConnectionsPerWorkflow,
        @DefaultValue("90s") Duration idleTimeout,
        @DefaultValue("300ms") Duration saveDelay,
        @DefaultValue("500") int compactAfterUpdates,
        @DefaultValue("1MB") DataSize compactAfterSize,
        @DefaultValue("512MB") DataSize documentMemoryLimit,
        @DefaultValue("60s") Duration documentTimeout) {

    public CollabSettings {
        requirePositive(ticketLifetime, "ticket-lifetime");
        requirePositive(idleTimeout, "idle-timeout");
        requirePositive(saveDelay, "save-delay");
        requirePositive(documentTimeout, "document-timeout");
        if (maxMessageSize == null || maxMessageSize.toBytes() < 1024 || maxMessageSize.toBytes() > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("nex7.workflow.collab.max-message-size must be between 1KB and 512MB");
        }
        if (maxConnectionsPerWorkflow < 1 || compactAfterUpdates < 2) {
            throw new IllegalArgumentException(
                    "nex7.workflow.collab.max-connections-per-workflow must be at least 1 and compact-after-updates at least 2");
        }
        if (compactAfterSize == null || compactAfterSize.toBytes() < 1) {
            throw new IllegalArgumentException("nex7.workflow.collab.compact-after-size must be positive");
        }
        if (documentMemoryLimit == null || documentMemoryLimit.toMegabytes() < 16 || documentMemoryLimit.toMegabytes() > 4096) {
            throw new IllegalArgumentException("nex7.workflow.collab.document-memory-limit must be between 16MB and 4GB");
        }
    }

    /** The defaults, as the property defaults above. */
    public static CollabSettings defaults() {
        return new CollabSettings(Duration.ofSeconds(60), DataSize.ofMegabytes(2), 32, Duration.ofSeconds(90),
                Duration.ofMillis(300), 500, DataSize.ofMegabytes(1), DataSize.ofMegabytes(512), Duration.ofSeconds(60));
    }

    /** Whether a log of {@code rows} rows and {@code bytes} bytes is due to be merged into one row. */
    boolean compactionDue(long rows, long bytes) {
        return rows > 1 && (rows > compactAfterUpdates || bytes > compactAfterSize.toBytes());
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("nex7.workflow.collab." + name + " must be positive");
        }
    }
}

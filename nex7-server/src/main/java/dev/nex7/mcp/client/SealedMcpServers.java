package dev.nex7.mcp.client;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.platform.secret.SealedRecords;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.SecretUnreadable;

/** The registered MCP servers' header values in master key rotation. */
@Component
class SealedMcpServers implements SealedRecords {

    private static final Logger log = LoggerFactory.getLogger(SealedMcpServers.class);

    private final McpServers servers;

    SealedMcpServers(McpServers servers) {
        this.servers = servers;
    }

    @Override
    public int reseal(SecretBox box) {
        int resealed = 0;
        for (McpServers.Stored server : servers.notSealedWith(box.activeKeyId())) {
            if (!box.canOpen(server.sealed().keyId())) {
                continue;
            }
            try {
                String value = box.openString(server.sealed(), McpServers.context(server.id()));
                servers.replaceSealed(server.id(), box.seal(value, McpServers.context(server.id())));
                resealed++;
            } catch (SecretUnreadable unreadable) {
                log.warn("The header value of MCP server {} stays as it is: {}", server.name(), unreadable.getMessage());
            }
        }
        return resealed;
    }

    @Override
    public Set<String> keyIdsInUse() {
        return servers.keyIdsInUse();
    }
}

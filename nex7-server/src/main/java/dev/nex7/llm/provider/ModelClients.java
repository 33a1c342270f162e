package dev.nex7.llm.provider;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.integration.OutboundHttp;
import tools.jackson.databind.json.JsonMapper;

/** The wire format of each provider, every one calling out through {@link OutboundHttp}. */
@Component
public class ModelClients {

    private final Map<ProviderKind, ModelClient> clients = new EnumMap<>(ProviderKind.class);

    public ModelClients(OutboundHttp http) {
        ProviderHttp shared = new ProviderHttp(http, JsonMapper.builder().build());
        clients.put(ProviderKind.ANTHROPIC, new AnthropicClient(shared));
        clients.put(ProviderKind.OPENAI, new OpenAiClient(shared, false));
        clients.put(ProviderKind.COMPATIBLE, new OpenAiClient(shared, true));
    }

    public ModelClient client(ProviderKind kind) {
        return clients.get(kind);
    }
}

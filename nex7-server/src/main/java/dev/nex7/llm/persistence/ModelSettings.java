package dev.nex7.llm.persistence;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.nex7.credential.CredentialId;
import dev.nex7.llm.provider.ProviderKind;

/**
 * A project's own model settings, as its owner set them.
 *
 * @param chain the provider order for the project's calls; empty for the instance's chain
 * @param models a model per provider instead of the provider's default
 * @param credentials a vault credential per provider whose API key replaces the instance's
 * @param monthlyBudgetUsd the project's monthly budget; {@code null} for the instance default
 */
public record ModelSettings(List<ProviderKind> chain, Map<ProviderKind, String> models,
        Map<ProviderKind, CredentialId> credentials, BigDecimal monthlyBudgetUsd) {

    /** Nothing set: the instance's settings apply. */
    public static final ModelSettings NONE = new ModelSettings(List.of(), Map.of(), Map.of(), null);

    public ModelSettings {
        chain = List.copyOf(chain);
        models = Collections.unmodifiableMap(models.isEmpty() ? new EnumMap<>(ProviderKind.class) : new EnumMap<>(models));
        credentials = Collections.unmodifiableMap(credentials.isEmpty() ? new EnumMap<>(ProviderKind.class)
                : new EnumMap<>(credentials));
    }
}

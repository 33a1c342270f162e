package dev.nex7.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTests {

    @Test
    void normalisesCaseSpacesAndUnicodeForm() {
        assertThat(EmailAddress.normalise("  Ada@Example.COM ")).isEqualTo("ada@example.com");
        assertThat(EmailAddress.normalise("Jose\u0301@example.com")).isEqualTo(EmailAddress.normalise("José@example.com"));
        assertThat(EmailAddress.normalise(null)).isNull();
    }

    @Test
    void acceptsOnlyPlausibleAddresses() {
        assertThat(EmailAddress.isPlausible("ada@example.com")).isTrue();
        assertThat(EmailAddress.isPlausible("ada+nex7@localhost")).isTrue();
        assertThat(EmailAddress.isPlausible("ada")).isFalse();
        assertThat(EmailAddress.isPlausible("ada@@example.com")).isFalse();
        assertThat(EmailAddress.isPlausible("a da@example.com")).isFalse();
        assertThat(EmailAddress.isPlausible("ada@.example.com")).isFalse();
        assertThat(EmailAddress.isPlausible("x".repeat(65) + "@example.com")).isFalse();
        assertThat(EmailAddress.isPlausible("a@" + "b".repeat(260))).isFalse();
    }
}

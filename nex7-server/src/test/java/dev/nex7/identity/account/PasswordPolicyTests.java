package dev.nex7.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"Kettle-Orbit-Lantern-42", "correct horse battery", "n0t-on-any-list!", "ÅngströmÖlfält12"})
    void acceptsLongUncommonPasswords(String password) {
        assertThat(policy.problem(password, "ada@example.com")).isEmpty();
    }

    @Test
    void refusesShortAndOverlongPasswords() {
        assertThat(policy.problem("Short-pass1", "ada@example.com")).hasValueSatisfying(p -> assertThat(p).contains("12"));
        assertThat(policy.problem("x".repeat(257), "ada@example.com")).hasValueSatisfying(p -> assertThat(p).contains("256"));
        assertThat(policy.problem(null, "ada@example.com")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "PASSWORD1234", "123456789012", "qwertyuiop123", "!!!sunshine2024",
            "monkeymonkeymonkey", "1q2w3e4r5t6y", "abcabcabcabc"})
    void refusesCommonPasswordsAndTheirPaddedOrRepeatedForms(String password) {
        assertThat(policy.problem(password, "ada@example.com")).hasValueSatisfying(p -> assertThat(p).contains("common"));
    }

    @Test
    void refusesPasswordsWithTooFewDistinctCharacters() {
        assertThat(policy.problem("aaaaaaaaaaaaaa", "ada@example.com")).isPresent();
        assertThat(policy.problem("abababababab", "ada@example.com")).isPresent();
    }

    @Test
    void refusesTheEmailOrItsLocalPart() {
        assertThat(policy.problem("ada.lovelace@example.com", "ada.lovelace@example.com")).isPresent();
        assertThat(policy.problem("xx-Ada.Lovelace-2024", "ada.lovelace@example.com")).isPresent();
        assertThat(policy.problem("Kettle-Orbit-Lantern-42", "ada.lovelace@example.com")).isEmpty();
    }
}

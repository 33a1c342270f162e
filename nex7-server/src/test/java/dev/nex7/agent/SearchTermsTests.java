package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.nex7.agent.conversation.SearchTerms;
import dev.nex7.platform.InvalidRequest;

class SearchTermsTests {

    @Test
    void everyWordMustOccurAsAPrefix() {
        assertThat(SearchTerms.toTsQuery("Deploy  Vercel")).isEqualTo("deploy:* & vercel:*");
        assertThat(SearchTerms.toTsQuery("Übersetzung für café")).isEqualTo("übersetzung:* & für:* & café:*");
    }

    @Test
    void tsqueryOperatorsTypedIntoTheBoxAreNotOperators() {
        assertThat(SearchTerms.toTsQuery("a & !b | (c:*) <-> 'd'")).isEqualTo("a:* & b:* & c:* & d:*");
        assertThat(SearchTerms.toTsQuery("react-dom/client")).isEqualTo("react:* & dom:* & client:*");
    }

    @Test
    void nothingTypedMeansNoFilterButOnlyPunctuationOrTooMuchIsRefused() {
        assertThat(SearchTerms.toTsQuery(null)).isNull();
        assertThat(SearchTerms.toTsQuery("   ")).isNull();
        assertThatThrownBy(() -> SearchTerms.toTsQuery("?!")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> SearchTerms.toTsQuery("x".repeat(201))).isInstanceOf(InvalidRequest.class);
    }
}

package dev.nex7.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAddressTests {

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/acme/shop", "http://localhost:3000", "HTTPS://Example.com/a?b=c"})
    void acceptsAbsoluteHttpUrls(String url) {
        assertThat(WebAddress.isHttp(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.com", "file:///etc/passwd", "//example.com",
            "/relative", "https://user:secret@example.com", "https://exa mple.com", "data:text/html,x"})
    void refusesOtherSchemesRelativeUrlsAndCredentials(String url) {
        assertThat(WebAddress.isHttp(url)).isFalse();
    }
}

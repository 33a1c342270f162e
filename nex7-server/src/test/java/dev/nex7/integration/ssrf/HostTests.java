package dev.nex7.integration.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts and allow-list entries come to one canonical form, so that no spelling gets around a check. */
class HostTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2130706433            | 127.0.0.1
            0177.0.0.1            | 127.0.0.1
            0x7f.0.0.1            | 127.0.0.1
            0X7F.1                | 127.0.0.1
            127.1                 | 127.0.0.1
            127.0.1               | 127.0.0.1
            127.0.0.1.            | 127.0.0.1
            0                     | 0.0.0.0
            0x                    | 0.0.0.0
            Example.COM.          | example.com
            bücher.de             | xn--bcher-kva.de
            [0:0:0:0:0:0:0:1]     | ::1
            [2606:4700:0:0:0:0:0:1111] | 2606:4700::1111
            [FD00:0:0:1:0:0:0:1]  | fd00:0:0:1::1
            [::ffff:127.0.0.1]    | 127.0.0.1
            """)
    void hostsAreCanonical(String raw, String canonical) {
        assertThat(Host.parse(raw).text()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "exa mple.com", "exa%6dple.com", "1.2.3.4.5", "4294967296", "0x1.0x1000000",
            "09.1.1.1", "[fe80::1%eth0]", "[example.com]", "[1.2.3.4]", "under_score-.com"})
    void invalidHostsAreRefused(String raw) {
        assertThatThrownBy(() -> Host.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Wiki.Corp.Internal     | wiki.corp.internal
            wiki.corp.internal:8443 | wiki.corp.internal:8443
            localhost:8080         | localhost:8080
            127.1:80               | 127.0.0.1:80
            10.0.0.5               | 10.0.0.5
            ::1                    | [::1]
            [::1]                  | [::1]
            [0:0::1]:9000          | [::1]:9000
            """)
    void allowListEntriesAreReadInCanonicalForm(String entry, String canonical) {
        assertThat(AllowedHost.parse(entry).toString()).isEqualTo(canonical);
        assertThat(AllowedHost.parse(canonical)).isEqualTo(AllowedHost.parse(entry));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "http://wiki.corp/", "wiki.corp:0", "wiki.corp:70000", "wiki.corp:http",
            "*.corp.internal", "10.0.0.0/8", "user@wiki.corp", "wiki corp"})
    void invalidAllowListEntriesAreRefused(String entry) {
        assertThatThrownBy(() -> AllowedHost.parse(entry)).isInstanceOf(IllegalArgumentException.class);
    }
}

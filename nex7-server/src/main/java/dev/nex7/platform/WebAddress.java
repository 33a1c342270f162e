package dev.nex7.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks for user-supplied links (repository, deployment, avatar URLs). */
public final class WebAddress {

    private WebAddress() {
    }

    /** An absolute http(s) URL with a host and at most 2048 characters. */
    public static boolean isHttp(String value) {
        if (value == null || value.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

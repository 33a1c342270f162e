package dev.nex7.workflow.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes credential values from whatever a node run leaves behind (output, error, log lines)
 * before it is stored or streamed: a node that echoes a header or a connection string must not turn
 * the execution history into a secret store.
 */
final class Secrets {

    static final String REDACTED = "[redacted]";

    private Secrets() {
    }

    static Object scrub(Object value, Set<String> secrets) {
        if (secrets.isEmpty() || value == null) {
            return value;
        }
        if (value instanceof String text) {
            return scrubText(text, secrets);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(scrubText(String.valueOf(key), secrets), scrub(item, secrets)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(scrub(item, secrets)));
            return copy;
        }
        return value;
    }

    static String scrubText(String text, Set<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            // Very short values (a port, "on") would redact half of every text and protect nothing.
            if (secret.length() >= 4 && result.contains(secret)) {
                result = result.replace(secret, REDACTED);
            }
        }
        return result;
    }
}

package dev.nex7.workflow.nodes.sql;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import dev.nex7.integration.OutboundAddressBlocked;
import dev.nex7.plugin.node.NodeFailure;

/**
 * Turns a driver's {@link SQLException} into a node failure that says whether trying again might
 * help: a timeout, a lost or refused connection, a deadlock or a serialization conflict might not
 * happen again; bad SQL, a constraint, a refused sign-in, a blocked address or a TLS failure will.
 */
public final class SqlFailures {

    /** PostgreSQL's query_canceled, MariaDB's statement timeout, MySQL's interrupted and timed-out queries. */
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "70100");
    private static final Set<Integer> TIMEOUT_CODES = Set.of(1969, 3024, 1317);

    private SqlFailures() {
    }

    /**
     * The failure for {@code failure}.
     *
     * @param redact removes credential values from the driver's message before it is kept
     */
    public static NodeFailure of(SQLException failure, UnaryOperator<String> redact) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String message = redact.apply(shortened(failure.getMessage()));
        var blocked = OutboundAddressBlocked.in(failure);
        if (blocked.isPresent()) {
            return NodeFailure.permanent("blocked-address", blocked.get().getMessage());
        }
        if (failure instanceof SQLTimeoutException || TIMEOUT_STATES.contains(state)
                || TIMEOUT_CODES.contains(failure.getErrorCode()) || causedBy(failure, SocketTimeoutException.class)) {
            return NodeFailure.retryable("timeout", "The database did not answer in time: " + message);
        }
        if (causedBy(failure, SSLException.class) || (state.startsWith("08") && mentionsTls(message))) {
            return NodeFailure.permanent("tls-failed", message);
        }
        if (state.startsWith("28") || failure.getErrorCode() == 1045) {
            return NodeFailure.permanent("auth-failed", message);
        }
        if (causedBy(failure, UnknownHostException.class)) {
            return NodeFailure.retryable("connect-failed", message);
        }
        if (state.startsWith("08") || state.startsWith("53") || state.equals("40001") || state.equals("40P01")
                || failure instanceof SQLTransientException) {
            return NodeFailure.retryable(state.startsWith("08") ? "connect-failed" : "database-busy", message);
        }
        return NodeFailure.permanent("sql-error", message);
    }

    private static boolean mentionsTls(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("ssl") || lower.contains("tls");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String shortened(String message) {
        if (message == null || message.isBlank()) {
            return "The database reported an error";
        }
        String line = message.strip();
        return line.length() > 1000 ? line.substring(0, 1000) + "…" : line;
    }
}

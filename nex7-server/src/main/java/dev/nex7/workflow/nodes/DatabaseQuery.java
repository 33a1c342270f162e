package dev.nex7.workflow.nodes;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialKinds;
import dev.nex7.integration.OutboundAddressBlocked;
import dev.nex7.integration.OutboundSockets;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.nodes.sql.DatabaseConnections;
import dev.nex7.workflow.nodes.sql.DatabaseTarget;
import dev.nex7.workflow.nodes.sql.ResultRows;
import dev.nex7.workflow.nodes.sql.SqlFailures;
import dev.nex7.workflow.nodes.sql.SqlStatement;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Database query node: runs one SQL statement on a PostgreSQL or MySQL/MariaDB database and emits
 * {@code {rows, rowCount, truncated, columns}}.
 *
 * <p>The query text is a literal: {@code {{ }}} in it is never evaluated, so data can never become
 * SQL. Values go in through {@code parameters}, which may be expressions, and are bound to the
 * query's {@code ?} placeholders by the driver. One statement per run; the server enforces the
 * statement timeout where it can, and the number of rows read is capped. The database host passes
 * the same SSRF policy as HTTP: this machine and private networks are refused unless an
 * administrator opened the host.
 */
@Component
public class DatabaseQuery implements NodeType, AutoCloseable {

    /** The most rows one run may return, whatever {@code maxRows} asks for. */
    public static final int MAX_ROWS = 10_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("database-query", 1)
            .displayName("Database query")
            .category("integration")
            .icon("database")
            .description("Runs one parameterised SQL statement on PostgreSQL or MySQL and outputs the rows it returns "
                    + "or the number of rows it changed.")
            .input(Port.main())
            .output(Port.of(Port.MAIN, "Result", PortType.OBJECT))
            .parameters(Schema.object()
                    .property("query", Schema.string().title("Query").editor("sql").minLength(1).literal()
                            .description("One SQL statement. Write ? where a value goes and list the values under "
                                    + "parameters; {{ }} here is never evaluated."), true)
                    .property("parameters", Schema.array(Schema.any()).title("Parameters")
                            .description("The values for the query's ? placeholders, in order; each may be an "
                                    + "expression such as {{ $input.id }}").defaultValue(List.of()), false)
                    .property("maxRows", Schema.integer().title("Most rows").minimum(1).maximum(MAX_ROWS)
                            .defaultValue(1000).description("More rows are not read; the output says truncated"), false)
                    .property("timeoutMs", Schema.integer().title("Statement timeout (ms)").minimum(1).maximum(300_000)
                            .defaultValue(30_000), false))
            .credential("database", true, CredentialKinds.POSTGRES, CredentialKinds.MYSQL)
            .build();

    private final OutboundSockets sockets;
    private final DatabaseConnections connections;
    private final ResultRows results;
    private final JsonMapper json;

    public DatabaseQuery(OutboundSockets sockets, JsonMapper json) {
        this.sockets = sockets;
        this.json = json;
        this.connections = new DatabaseConnections(sockets);
        this.results = new ResultRows(json);
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        context.cancellation().throwIfCancelled();
        Parameters parameters = new Parameters(context.parameters());
        Credential credential = context.credential("database").orElseThrow(() -> NodeFailure.permanent(
                "missing-credential", "Choose a postgres or mysql credential for the database"));
        DatabaseTarget target;
        try {
            target = DatabaseTarget.of(credential);
        } catch (IllegalArgumentException invalid) {
            throw NodeFailure.permanent("invalid-credential", invalid.getMessage());
        }
        SqlStatement statement;
        try {
            statement = SqlStatement.parse(parameters.text("query"), target.dialect());
        } catch (IllegalArgumentException refused) {
            throw NodeFailure.permanent("invalid-query", refused.getMessage());
        }
        List<Object> values = parameters.list("parameters");
        if (values.size() != statement.placeholders()) {
            throw Parameters.invalid("parameters", "has " + values.size() + " value(s) but the query has "
                    + statement.placeholders() + " ? placeholder(s)");
        }
        int maxRows = (int) parameters.integer("maxRows", 1000, 1, MAX_ROWS);
        Duration timeout = Duration.ofMillis(parameters.integer("timeoutMs", 30_000, 1, 300_000));
        checkHost(target);
        try (Connection connection = connections.open(target, CONNECT_TIMEOUT, timeout)) {
            context.cancellation().throwIfCancelled();
            Map<String, Object> output = run(connection, statement, values, maxRows, timeout);
            context.log().info("The query " + (output.get("columns") != null ? "returned " : "changed ")
                    + output.get("rowCount") + " row(s)" + (Boolean.TRUE.equals(output.get("truncated"))
                            ? "; more rows were not read (maxRows " + maxRows + ")" : ""));
            return NodeOutcome.emit(output);
        } catch (SQLException failure) {
            context.cancellation().throwIfCancelled();
            throw SqlFailures.of(failure, message -> redact(message, target.password()));
        }
    }

    @Override
    public void close() {
        connections.close();
    }

    private void checkHost(DatabaseTarget target) throws NodeFailure {
        try {
            sockets.check(target.host(), target.port());
        } catch (OutboundAddressBlocked blocked) {
            throw NodeFailure.permanent("blocked-address", "The database host " + blocked.getMessage());
        } catch (IOException unresolved) {
            throw NodeFailure.retryable("connect-failed", "The database host " + target.host() + " could not be found: "
                    + unresolved.getMessage());
        }
    }

    private Map<String, Object> run(Connection connection, SqlStatement statement, List<Object> values, int maxRows,
            Duration timeout) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.text())) {
            prepared.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            // One more than asked for, to tell a result that fits from one that was cut.
            prepared.setMaxRows(maxRows + 1);
            for (int index = 0; index < values.size(); index++) {
                bind(prepared, index + 1, values.get(index));
            }
            Map<String, Object> output = new LinkedHashMap<>();
            if (prepared.execute()) {
                ResultRows.Read read = results.read(prepared.getResultSet(), maxRows);
                output.put("rows", read.rows());
                output.put("rowCount", (long) read.rows().size());
                output.put("truncated", read.truncated());
                output.put("columns", read.columns());
            } else {
                output.put("rows", List.of());
                output.put("rowCount", prepared.getLargeUpdateCount());
                output.put("truncated", false);
            }
            return output;
        }
    }

    /** Binds a JSON value; objects and lists are bound as their JSON text. */
    private void bind(PreparedStatement prepared, int index, Object value) throws SQLException {
        switch (value) {
            case null -> prepared.setObject(index, null);
            case String text -> prepared.setString(index, text);
            case Boolean flag -> prepared.setBoolean(index, flag);
            case Long number -> prepared.setLong(index, number);
            case Integer number -> prepared.setLong(index, number);
            case BigDecimal number -> prepared.setBigDecimal(index, number);
            case BigInteger number -> prepared.setBigDecimal(index, new BigDecimal(number));
            case Number number -> prepared.setDouble(index, number.doubleValue());
            default -> prepared.setString(index, json.writeValueAsString(value));
        }
    }

    /** Drivers do not echo passwords, but a server's message might; very short ones would redact everything. */
    private static String redact(String message, String password) {
        return password == null || password.length() < 4 ? message : message.replace(password, "[redacted]");
    }
}

package dev.nex7.workflow.nodes.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a result set into JSON-friendly values: one object per row, keyed by column label. Numbers
 * stay numbers ({@code Long}, {@code Double}, {@code BigDecimal}), dates and times become ISO-8601
 * text, binary values base64 text, SQL arrays lists, and PostgreSQL {@code json}/{@code jsonb}
 * values the JSON they hold.
 */
public final class ResultRows {

    /**
     * What was read.
     *
     * @param columns the column labels, in order (a repeated label gets a {@code _2}, {@code _3} suffix)
     * @param rows at most the requested number of rows
     * @param truncated whether the result had more rows than were read
     */
    public record Read(List<String> columns, List<Map<String, Object>> rows, boolean truncated) {
    }

    private final JsonMapper json;

    public ResultRows(JsonMapper json) {
        this.json = json;
    }

    /** Reads at most {@code maxRows} rows and notes whether there were more. */
    public Read read(ResultSet result, int maxRows) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = labels(meta);
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (result.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int column = 1; column <= columns.size(); column++) {
                row.put(columns.get(column - 1), value(result, meta, column));
            }
            rows.add(row);
        }
        return new Read(columns, rows, truncated);
    }

    private static List<String> labels(ResultSetMetaData meta) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            String label = meta.getColumnLabel(column);
            String unique = label;
            for (int suffix = 2; labels.contains(unique); suffix++) {
                unique = label + "_" + suffix;
            }
            labels.add(unique);
        }
        return labels;
    }

    private Object value(ResultSet result, ResultSetMetaData meta, int column) throws SQLException {
        String typeName = meta.getColumnTypeName(column);
        // PostgreSQL reports timestamptz and timetz as plain TIMESTAMP and TIME; their names tell.
        boolean zoned = typeName != null && typeName.toLowerCase(Locale.ROOT).endsWith("tz");
        Object value = switch (meta.getColumnType(column)) {
            case Types.DATE -> result.getObject(column, LocalDate.class);
            case Types.TIME -> zoned ? result.getObject(column, OffsetTime.class) : result.getObject(column, LocalTime.class);
            case Types.TIME_WITH_TIMEZONE -> result.getObject(column, OffsetTime.class);
            case Types.TIMESTAMP -> zoned ? result.getObject(column, OffsetDateTime.class)
                    : result.getObject(column, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> result.getObject(column, OffsetDateTime.class);
            default -> result.getObject(column);
        };
        if (value == null || result.wasNull()) {
            return null;
        }
        if (value instanceof String text && ("json".equalsIgnoreCase(typeName) || "jsonb".equalsIgnoreCase(typeName))) {
            return parsed(text);
        }
        return plain(value);
    }

    private Object plain(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Boolean flag -> flag;
            case Byte number -> number.longValue();
            case Short number -> number.longValue();
            case Integer number -> number.longValue();
            case Long number -> number;
            case BigInteger number -> new BigDecimal(number);
            case BigDecimal number -> number;
            case Float number -> finite(number.doubleValue());
            case Double number -> finite(number);
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Array array -> list(array);
            case Blob blob -> Base64.getEncoder().encodeToString(blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE)));
            case Clob clob -> clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
            case SQLXML xml -> xml.getString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.sql.Time time -> time.toLocalTime().toString();
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case org.postgresql.util.PGobject object when object.getType() != null
                    && object.getType().toLowerCase(Locale.ROOT).startsWith("json") -> parsed(object.getValue());
            default -> value.toString();
        };
    }

    private List<Object> list(Array array) throws SQLException {
        List<Object> items = new ArrayList<>();
        Object elements = array.getArray();
        if (elements instanceof Object[] objects) {
            for (Object item : objects) {
                items.add(plain(item));
            }
        }
        array.free();
        return items;
    }

    /** JSON has no NaN or infinity: those become text. */
    private static Object finite(double number) {
        return Double.isFinite(number) ? (Object) number : String.valueOf(number);
    }

    private Object parsed(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readerFor(Object.class).with(DeserializationFeature.USE_LONG_FOR_INTS).readValue(text);
        } catch (JacksonException notJson) {
            return text;
        }
    }
}

package dev.nex7.workflow.nodes.sql;

/** The SQL dialects the Database query node speaks, one per credential kind it accepts. */
public enum SqlDialect {
    /** PostgreSQL: dollar-quoted strings, {@code E'...'} escapes, nested block comments, {@code ??} for a literal {@code ?}. */
    POSTGRES,
    /** MySQL and MariaDB: backslash escapes, {@code #} comments, back-quoted names, executable {@code /*!...*}{@code /}. */
    MYSQL
}

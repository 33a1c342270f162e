package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nex7.workflow.nodes.sql.SqlDialect;
import dev.nex7.workflow.nodes.sql.SqlStatement;

/**
 * How the Database query node reads a query before sending it: exactly one statement, and its
 * {@code ?} placeholders, with literals, quoted names and comments read the way each server reads them.
 */
class DatabaseQueryStatementTests {

    @ParameterizedTest(name = "{0}: [{1}] has {2} placeholder(s)")
    @CsvSource(delimiter = '§', quoteCharacter = '"', textBlock = """
            POSTGRES § SELECT 1                                         § 0
            POSTGRES § "SELECT * FROM t WHERE a = ? AND b = ?;  "      § 2
            POSTGRES § SELECT '?' || ? FROM t                           § 1
            POSTGRES § "SELECT ""a;?"" FROM t WHERE x = ?"              § 1
            POSTGRES § SELECT $$ ; ? $$, $tag$ ; $$ ? $tag$, ?          § 1
            POSTGRES § SELECT E'it\\'s ; ?' , ?                         § 1
            POSTGRES § SELECT 1 /* outer /* inner ; */ still ; */ + ?   § 1
            POSTGRES § SELECT doc ?? 'key' FROM t WHERE id = ?          § 1
            POSTGRES § SELECT 1 -- trailing ; comment ?                 § 0
            POSTGRES § SELECT $1::int, a$b FROM t                       § 0
            MYSQL    § SELECT * FROM t WHERE a = ? AND b = ?            § 2
            MYSQL    § SELECT `a;?` FROM t # a comment ; ?              § 0
            MYSQL    § SELECT 'it''s ; ?', ?                            § 1
            MYSQL    § SELECT 1 -- comment ; ?                          § 0
            MYSQL    § SELECT 1 /* ; ? */ , ?                           § 1
            """)
    void oneStatementAndItsPlaceholders(SqlDialect dialect, String sql, int placeholders) {
        assertThat(SqlStatement.parse(sql, dialect).placeholders()).isEqualTo(placeholders);
    }

    @ParameterizedTest(name = "{0}: [{1}] is refused")
    @CsvSource(delimiter = '§', quoteCharacter = '"', textBlock = """
            POSTGRES § SELECT 1; SELECT 2                               § more than one statement
            POSTGRES § SELECT 1;; SELECT 2                              § more than one statement
            POSTGRES § "SELECT 'a'; DROP TABLE t; --'"                  § more than one statement
            POSTGRES § SELECT 'unterminated                             § unterminated string
            POSTGRES § SELECT 1 /* unterminated                         § unterminated comment
            POSTGRES § SELECT $x$ unterminated                          § unterminated $x$ string
            POSTGRES § "SELECT 'C:\\' || ?; DROP TABLE t; --'"          § quoting reads differently
            POSTGRES § "   -- only a comment"                           § no statement
            POSTGRES § ;                                                § no statement
            MYSQL    § "SELECT 'a\\'; DROP TABLE t; -- '"              § quoting reads differently
            MYSQL    § SELECT 1 /*! ; DROP TABLE t */                   § more than one statement
            MYSQL    § SELECT 1 --; DROP TABLE t                        § more than one statement
            MYSQL    § SELECT 1 # ; \\n ; DROP TABLE t                  § more than one statement
            """)
    void whatIsRefused(SqlDialect dialect, String sql, String problem) {
        String text = sql.replace("\\n", "\n");

        assertThatThrownBy(() -> SqlStatement.parse(text, dialect)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', textBlock = """
            POSTGRES
            MYSQL
            """)
    void aTrailingSemicolonAndWhiteSpaceAreDropped(SqlDialect dialect) {
        assertThat(SqlStatement.parse("  SELECT 1 ;  -- done\n", dialect).text()).isEqualTo("SELECT 1");
    }
}

package io.queryflux.core.internal.firebolt;

import java.util.Locale;
import java.util.Set;

/**
 * A statement as Firebolt gets it, classified by its leading keyword (after whitespace, comments and
 * opening parentheses): a read runs at once, a write waits for the cluster's single write turn, and
 * a session statement ({@code USE}, {@code BEGIN}, {@code COMMIT}...) needs neither. A keyword that
 * is neither a known read nor a session statement counts as a write: serializing a harmless statement
 * costs a little throughput, while letting a write through would earn the client a spurious error.
 *
 * <p>Trino's {@code START TRANSACTION [ISOLATION LEVEL ..., READ WRITE]} (trino-jdbc sends it for
 * {@code setAutoCommit(false)}) is sent as Firebolt's {@code BEGIN TRANSACTION}.
 *
 * @param sql the statement as the client sent it
 * @param sqlToSend the statement as Firebolt gets it
 * @param kind how it is scheduled
 */
record FireboltStatement(String sql, String sqlToSend, Kind kind)
{
    private static final Set<String> READS = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES");
    private static final Set<String> SESSION = Set.of("USE", "SET", "RESET", "BEGIN", "START", "COMMIT", "ROLLBACK", "END", "ABORT");
    static final String BEGIN_TRANSACTION = "BEGIN TRANSACTION";

    enum Kind
    {
        READ, WRITE, SESSION
    }

    static FireboltStatement of(String sql)
    {
        int start = skipNoise(sql, 0);
        String keyword = word(sql, start);
        if (keyword.isEmpty()) {
            return new FireboltStatement(sql, sql, Kind.READ);
        }
        if (keyword.equals("START") && word(sql, skipNoise(sql, start + keyword.length())).equals("TRANSACTION")) {
            return new FireboltStatement(sql, BEGIN_TRANSACTION, Kind.SESSION);
        }
        Kind kind = READS.contains(keyword) ? Kind.READ : SESSION.contains(keyword) ? Kind.SESSION : Kind.WRITE;
        return new FireboltStatement(sql, sql, kind);
    }

    /** Whether Firebolt runs other text than the client's: offsets in its errors then do not apply. */
    boolean rewritten()
    {
        return !sql.equals(sqlToSend);
    }

    /** The upper-cased word at {@code start}, or an empty string. */
    private static String word(String sql, int start)
    {
        int end = start;
        while (end < sql.length() && (Character.isLetter(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(Locale.ROOT);
    }

    /** The index after whitespace, {@code --} and block comments, and opening parentheses. */
    private static int skipNoise(String sql, int from)
    {
        int position = from;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c) || c == '(') {
                position++;
            }
            else if (sql.startsWith("--", position)) {
                int end = sql.indexOf('\n', position);
                position = end < 0 ? sql.length() : end + 1;
            }
            else if (sql.startsWith("/*", position)) {
                int end = sql.indexOf("*/", position + 2);
                position = end < 0 ? sql.length() : end + 2;
            }
            else {
                return position;
            }
        }
        return position;
    }
}

package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.ErrorType;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

import static io.queryflux.spi.ErrorCode.BACKEND_UNAVAILABLE;
import static io.queryflux.spi.ErrorCode.GENERIC_USER_ERROR;

/**
 * Turns an engine's {@link SQLException} into a {@link QueryFluxException} with the most precise
 * {@link ErrorCode}: by DuckDB's error kind ({@code Catalog Error: ...}, which comes without a
 * SQLState), else by SQLState (PostgreSQL, MariaDB/MySQL and the standard classes). The engine's
 * text is kept; only DuckDB's wrapper and stack-trace noise is dropped.
 */
final class SqlErrorClassifier
{
    // DuckDB wraps errors raised while a pending query executes in this message.
    private static final String PENDING_QUERY_WRAPPER = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\nError: ";
    private static final String STACK_TRACE = "\n\nStack Trace:";
    private static final String DUCKDB_KIND_SUFFIX = " Error: ";

    private SqlErrorClassifier() {}

    static QueryFluxException toException(SQLException exception, String sql)
    {
        String message = clean(exception.getMessage());
        ErrorCode code = classify(exception, message);
        Optional<ErrorLocation> location = code.type() == ErrorType.USER_ERROR
                ? DuckDbErrorLocator.locate(message, sql)
                : Optional.empty();
        if (location.isPresent()) {
            message = DuckDbErrorLocator.withoutExcerpt(message);
        }
        return new QueryFluxException(code, message, location.orElse(null), exception);
    }

    /** The first line of the engine's cleaned message, for config problems. */
    static String summary(SQLException exception)
    {
        String message = clean(exception.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static ErrorCode classify(SQLException exception, String message)
    {
        String kind = duckDbKind(message);
        if (kind != null) {
            return DuckDbErrors.classify(kind, message.substring(kind.length() + DUCKDB_KIND_SUFFIX.length()));
        }
        String state = sqlState(exception);
        if (state != null && state.length() == 5) {
            return SqlStates.classify(state, message.toLowerCase(Locale.ROOT));
        }
        if (exception instanceof SQLNonTransientConnectionException || exception instanceof SQLTransientConnectionException) {
            return BACKEND_UNAVAILABLE;
        }
        if (exception instanceof SQLTimeoutException) {
            return ErrorCode.EXCEEDED_TIME_LIMIT;
        }
        if (exception.getCause() instanceof IOException || isLostConnection(message.toLowerCase(Locale.ROOT))) {
            return BACKEND_UNAVAILABLE;
        }
        // An unclassified error about a query is most likely the query's fault.
        return GENERIC_USER_ERROR;
    }

    /** Drivers without SQLStates say so in words: "Connection was closed", "connection reset". */
    private static boolean isLostConnection(String message)
    {
        return message.contains("connection") && (message.contains("closed") || message.contains("reset") || message.contains("refused"));
    }

    private static String clean(String message)
    {
        if (message == null || message.isBlank()) {
            return "The engine failed without a message";
        }
        String cleaned = message.startsWith(PENDING_QUERY_WRAPPER) ? message.substring(PENDING_QUERY_WRAPPER.length()) : message;
        int stackTrace = cleaned.indexOf(STACK_TRACE);
        return (stackTrace < 0 ? cleaned : cleaned.substring(0, stackTrace)).strip();
    }

    /** The kind of a DuckDB error ({@code Catalog} in {@code Catalog Error: ...}), or {@code null}. */
    private static String duckDbKind(String message)
    {
        int end = message.indexOf(DUCKDB_KIND_SUFFIX);
        if (end <= 0 || end > 40) {
            return null;
        }
        for (int i = 0; i < end; i++) {
            char c = message.charAt(i);
            if (!Character.isLetter(c) && c != ' ') {
                return null;
            }
        }
        String kind = message.substring(0, end);
        return DuckDbErrors.isKnownKind(kind) ? kind : null;
    }

    private static String sqlState(SQLException exception)
    {
        for (Throwable current = exception; current != null; current = current.getCause()) {
            if (current instanceof SQLException sqlException && sqlException.getSQLState() != null) {
                return sqlException.getSQLState();
            }
        }
        return null;
    }
}

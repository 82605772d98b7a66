package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;

import static io.queryflux.spi.ErrorCode.ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.BACKEND_ERROR;
import static io.queryflux.spi.ErrorCode.BACKEND_UNAVAILABLE;
import static io.queryflux.spi.ErrorCode.COLUMN_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.CONSTRAINT_VIOLATION;
import static io.queryflux.spi.ErrorCode.DIVISION_BY_ZERO;
import static io.queryflux.spi.ErrorCode.FUNCTION_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.GENERIC_INSUFFICIENT_RESOURCES;
import static io.queryflux.spi.ErrorCode.GENERIC_USER_ERROR;
import static io.queryflux.spi.ErrorCode.INVALID_CAST_ARGUMENT;
import static io.queryflux.spi.ErrorCode.NOT_IN_TRANSACTION;
import static io.queryflux.spi.ErrorCode.NOT_SUPPORTED;
import static io.queryflux.spi.ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE;
import static io.queryflux.spi.ErrorCode.PERMISSION_DENIED;
import static io.queryflux.spi.ErrorCode.READ_ONLY_VIOLATION;
import static io.queryflux.spi.ErrorCode.SCHEMA_ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.SCHEMA_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.SYNTAX_ERROR;
import static io.queryflux.spi.ErrorCode.TABLE_ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.TABLE_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.TRANSACTION_CONFLICT;
import static io.queryflux.spi.ErrorCode.TYPE_MISMATCH;
import static io.queryflux.spi.ErrorCode.USER_CANCELED;

/**
 * Classifies errors by SQLState: the standard classes plus the codes PostgreSQL and MariaDB/MySQL
 * use for common user errors.
 */
final class SqlStates
{
    private SqlStates() {}

    /** The code for {@code state} (five characters); {@code message} is the lowercased engine text. */
    static ErrorCode classify(String state, String message)
    {
        ErrorCode exact = exact(state, message);
        if (exact != null) {
            return exact;
        }
        return switch (state.substring(0, 2)) {
            // 08: connection exception; 28: the engine refused our credentials; 57P0x: the server is going away.
            case "08", "28" -> BACKEND_UNAVAILABLE;
            case "23" -> CONSTRAINT_VIOLATION;
            case "40" -> TRANSACTION_CONFLICT;
            case "53" -> GENERIC_INSUFFICIENT_RESOURCES;
            case "57" -> state.startsWith("57P") ? BACKEND_UNAVAILABLE : BACKEND_ERROR;
            case "58", "XX" -> BACKEND_ERROR;
            default -> GENERIC_USER_ERROR;
        };
    }

    private static ErrorCode exact(String state, String message)
    {
        return switch (state) {
            case "42601" -> SYNTAX_ERROR;
            // MySQL and MariaDB share 42000 between syntax errors, access denials and more.
            case "42000" -> message.contains("syntax") ? SYNTAX_ERROR
                    : message.contains("denied") ? PERMISSION_DENIED
                    : message.contains("unknown database") ? SCHEMA_NOT_FOUND
                    : message.contains("does not exist") && message.contains("function") ? FUNCTION_NOT_FOUND
                    : GENERIC_USER_ERROR;
            case "42P01", "42S02" -> TABLE_NOT_FOUND;
            case "42703", "42S22" -> COLUMN_NOT_FOUND;
            case "3F000" -> SCHEMA_NOT_FOUND;
            case "42883" -> FUNCTION_NOT_FOUND;
            case "42P07", "42S01" -> TABLE_ALREADY_EXISTS;
            case "42P06" -> SCHEMA_ALREADY_EXISTS;
            case "42710", "42723" -> ALREADY_EXISTS;
            case "42501" -> PERMISSION_DENIED;
            case "42804" -> TYPE_MISMATCH;
            case "22012" -> DIVISION_BY_ZERO;
            case "22003" -> NUMERIC_VALUE_OUT_OF_RANGE;
            case "22P02", "22007", "22008", "22018" -> INVALID_CAST_ARGUMENT;
            case "25P01" -> NOT_IN_TRANSACTION;
            case "25006" -> READ_ONLY_VIOLATION;
            case "0A000" -> NOT_SUPPORTED;
            case "57014" -> USER_CANCELED;
            case "HY000" -> message.contains("division by zero") ? DIVISION_BY_ZERO : null;
            default -> null;
        };
    }
}

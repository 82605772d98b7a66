package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;

import java.util.Map;

import static io.queryflux.spi.ErrorCode.ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.BACKEND_ERROR;
import static io.queryflux.spi.ErrorCode.BACKEND_UNAVAILABLE;
import static io.queryflux.spi.ErrorCode.CATALOG_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.COLUMN_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.CONSTRAINT_VIOLATION;
import static io.queryflux.spi.ErrorCode.DIVISION_BY_ZERO;
import static io.queryflux.spi.ErrorCode.FUNCTION_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.GENERIC_INSUFFICIENT_RESOURCES;
import static io.queryflux.spi.ErrorCode.GENERIC_USER_ERROR;
import static io.queryflux.spi.ErrorCode.INVALID_CAST_ARGUMENT;
import static io.queryflux.spi.ErrorCode.NOT_FOUND;
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
import static io.queryflux.spi.ErrorCode.TYPE_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.USER_CANCELED;

/**
 * Classifies DuckDB errors by their kind, the words before {@code Error:} (DuckDB's exception type),
 * refined by the wording of the catalog, binder and conversion errors.
 */
final class DuckDbErrors
{
    // Kinds that need no look at the text. Engine faults (INTERNAL, FATAL, ...) are the engine's, not the query's.
    private static final Map<String, ErrorCode> BY_KIND = Map.ofEntries(
            Map.entry("Parser", SYNTAX_ERROR),
            Map.entry("Syntax", SYNTAX_ERROR),
            Map.entry("Divide by Zero", DIVISION_BY_ZERO),
            Map.entry("Constraint", CONSTRAINT_VIOLATION),
            Map.entry("Mismatch Type", TYPE_MISMATCH),
            Map.entry("Invalid type", TYPE_MISMATCH),
            Map.entry("Unknown Type", TYPE_NOT_FOUND),
            Map.entry("Not implemented", NOT_SUPPORTED),
            Map.entry("Permission", PERMISSION_DENIED),
            Map.entry("INTERRUPT", USER_CANCELED),
            Map.entry("Out of Memory", GENERIC_INSUFFICIENT_RESOURCES),
            Map.entry("Connection", BACKEND_UNAVAILABLE),
            Map.entry("HTTP", BACKEND_ERROR),
            Map.entry("Network", BACKEND_ERROR),
            Map.entry("INTERNAL", BACKEND_ERROR),
            Map.entry("FATAL", BACKEND_ERROR),
            Map.entry("Serialization", BACKEND_ERROR),
            Map.entry("Scheduler", BACKEND_ERROR),
            Map.entry("Executor", BACKEND_ERROR),
            Map.entry("Optimizer", BACKEND_ERROR),
            Map.entry("Planner", BACKEND_ERROR),
            Map.entry("NullPointer", BACKEND_ERROR),
            Map.entry("Index", GENERIC_USER_ERROR),
            Map.entry("Decimal", NUMERIC_VALUE_OUT_OF_RANGE),
            Map.entry("Dependency", GENERIC_USER_ERROR),
            Map.entry("Sequence", GENERIC_USER_ERROR),
            Map.entry("Settings", GENERIC_USER_ERROR),
            Map.entry("Invalid Configuration", GENERIC_USER_ERROR),
            Map.entry("Parameter Not Resolved", GENERIC_USER_ERROR),
            Map.entry("Parameter Not Allowed", GENERIC_USER_ERROR),
            Map.entry("Missing Extension", GENERIC_USER_ERROR),
            Map.entry("Object Size", GENERIC_USER_ERROR),
            Map.entry("Expression", GENERIC_USER_ERROR));

    private DuckDbErrors() {}

    static boolean isKnownKind(String kind)
    {
        return BY_KIND.containsKey(kind) || switch (kind) {
            case "Catalog", "Binder", "Conversion", "Out of Range", "Invalid Input", "Invalid", "TransactionContext", "IO" -> true;
            default -> false;
        };
    }

    /** The code for an error of {@code kind} whose text after {@code <kind> Error: } is {@code detail}. */
    static ErrorCode classify(String kind, String detail)
    {
        ErrorCode simple = BY_KIND.get(kind);
        if (simple != null) {
            return simple;
        }
        return switch (kind) {
            case "Catalog" -> catalog(detail);
            case "Binder" -> binder(detail);
            // "value is out of range for the destination type" is a numeric cast; other conversions fail on their input.
            case "Conversion" -> detail.contains("out of range for the destination type") ? NUMERIC_VALUE_OUT_OF_RANGE : INVALID_CAST_ARGUMENT;
            case "Out of Range" -> isDivisionByZero(detail) ? DIVISION_BY_ZERO : NUMERIC_VALUE_OUT_OF_RANGE;
            case "TransactionContext" -> detail.contains("onflict") ? TRANSACTION_CONFLICT
                    : detail.contains("no transaction is active") ? NOT_IN_TRANSACTION
                    : GENERIC_USER_ERROR;
            // Missing files are the query's fault; failing storage is not.
            case "IO" -> detail.contains("No files found") || detail.contains("No such file") || detail.contains("does not exist") ? NOT_FOUND : BACKEND_ERROR;
            default -> isDivisionByZero(detail) ? DIVISION_BY_ZERO
                    : detail.contains("read-only mode") ? READ_ONLY_VIOLATION
                    : GENERIC_USER_ERROR;
        };
    }

    private static ErrorCode catalog(String detail)
    {
        if (detail.contains("does not exist")) {
            if (detail.contains("because schema")) {
                return SCHEMA_NOT_FOUND;
            }
            if (detail.contains("Function with name") || detail.contains("Macro Function")) {
                return FUNCTION_NOT_FOUND;
            }
            if (detail.startsWith("Table with name") || detail.startsWith("View with name")) {
                return TABLE_NOT_FOUND;
            }
            if (detail.startsWith("Schema with name")) {
                return SCHEMA_NOT_FOUND;
            }
            if (detail.startsWith("Catalog")) {
                return CATALOG_NOT_FOUND;
            }
            if (detail.startsWith("Type with name")) {
                return TYPE_NOT_FOUND;
            }
            return NOT_FOUND;
        }
        if (detail.contains("already exists")) {
            if (detail.startsWith("Table with name") || detail.startsWith("View with name")) {
                return TABLE_ALREADY_EXISTS;
            }
            return detail.startsWith("Schema with name") ? SCHEMA_ALREADY_EXISTS : ALREADY_EXISTS;
        }
        return GENERIC_USER_ERROR;
    }

    private static ErrorCode binder(String detail)
    {
        if (detail.startsWith("Referenced column") || detail.contains("does not have a column")
                || (detail.startsWith("Column") && detail.contains("does not exist"))) {
            return COLUMN_NOT_FOUND;
        }
        if (detail.startsWith("Catalog") && detail.contains("does not exist")) {
            return CATALOG_NOT_FOUND;
        }
        if (detail.startsWith("No function matches")) {
            return FUNCTION_NOT_FOUND;
        }
        if (detail.startsWith("Cannot compare values") || detail.startsWith("Cannot mix values")) {
            return TYPE_MISMATCH;
        }
        return GENERIC_USER_ERROR;
    }

    private static boolean isDivisionByZero(String detail)
    {
        return detail.regionMatches(true, 0, "Division by zero", 0, 16) || detail.contains("division by zero");
    }
}

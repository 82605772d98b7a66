package io.queryflux.spi;

import static io.queryflux.spi.ErrorType.EXTERNAL;
import static io.queryflux.spi.ErrorType.INSUFFICIENT_RESOURCES;
import static io.queryflux.spi.ErrorType.INTERNAL_ERROR;
import static io.queryflux.spi.ErrorType.USER_ERROR;

/**
 * Every error QueryFlux reports. The constant's name is Trino's {@code errorName}; {@link #code()}
 * is Trino's numeric {@code errorCode} where Trino defines the same error, and {@link #httpStatus()}
 * is the status used when the error is answered outside a query's result pages.
 */
public enum ErrorCode
{
    GENERIC_USER_ERROR(0x0000_0000, USER_ERROR, 400),
    SYNTAX_ERROR(0x0000_0001, USER_ERROR, 400),
    ABANDONED_QUERY(0x0000_0002, USER_ERROR, 410),
    USER_CANCELED(0x0000_0003, USER_ERROR, 400),
    PERMISSION_DENIED(0x0000_0004, USER_ERROR, 403),
    NOT_FOUND(0x0000_0005, USER_ERROR, 404),
    FUNCTION_NOT_FOUND(0x0000_0006, USER_ERROR, 400),
    INVALID_FUNCTION_ARGUMENT(0x0000_0007, USER_ERROR, 400),
    DIVISION_BY_ZERO(0x0000_0008, USER_ERROR, 400),
    INVALID_CAST_ARGUMENT(0x0000_0009, USER_ERROR, 400),
    OPERATOR_NOT_FOUND(0x0000_000A, USER_ERROR, 400),
    ALREADY_EXISTS(0x0000_000C, USER_ERROR, 400),
    NOT_SUPPORTED(0x0000_000D, USER_ERROR, 400),
    INVALID_SESSION_PROPERTY(0x0000_000E, USER_ERROR, 400),
    CONSTRAINT_VIOLATION(0x0000_0010, USER_ERROR, 400),
    TRANSACTION_CONFLICT(0x0000_0011, USER_ERROR, 409),
    NUMERIC_VALUE_OUT_OF_RANGE(0x0000_0013, USER_ERROR, 400),
    UNKNOWN_TRANSACTION(0x0000_0014, USER_ERROR, 400),
    NOT_IN_TRANSACTION(0x0000_0015, USER_ERROR, 400),
    READ_ONLY_VIOLATION(0x0000_0017, USER_ERROR, 400),
    QUERY_REJECTED(0x0000_001F, USER_ERROR, 400),
    QUERY_TEXT_TOO_LARGE(0x0000_0023, USER_ERROR, 413),
    TYPE_NOT_FOUND(0x0000_002B, USER_ERROR, 400),
    CATALOG_NOT_FOUND(0x0000_002C, USER_ERROR, 400),
    SCHEMA_NOT_FOUND(0x0000_002D, USER_ERROR, 400),
    TABLE_NOT_FOUND(0x0000_002E, USER_ERROR, 400),
    COLUMN_NOT_FOUND(0x0000_002F, USER_ERROR, 400),
    SCHEMA_ALREADY_EXISTS(0x0000_0031, USER_ERROR, 400),
    TABLE_ALREADY_EXISTS(0x0000_0032, USER_ERROR, 400),
    TYPE_MISMATCH(0x0000_003A, USER_ERROR, 400),
    INVALID_LITERAL(0x0000_003B, USER_ERROR, 400),
    /** A request that is not valid protocol: an empty body, a malformed path, a bad header. */
    INVALID_REQUEST(0x0000_0F00, USER_ERROR, 400),
    /** A query id or token the server does not know (any more). */
    QUERY_NOT_FOUND(0x0000_0F01, USER_ERROR, 404),
    /** A token older than the last one served: that page is gone. */
    PAGE_GONE(0x0000_0F02, USER_ERROR, 410),
    METHOD_NOT_ALLOWED(0x0000_0F03, USER_ERROR, 405),
    /** The client is not authenticated. */
    AUTHENTICATION_FAILED(0x0000_0F04, USER_ERROR, 401),

    GENERIC_INTERNAL_ERROR(0x0001_0000, INTERNAL_ERROR, 500),
    NO_NODES_AVAILABLE(0x0001_0005, INTERNAL_ERROR, 503),
    SERVER_SHUTTING_DOWN(0x0001_0009, INTERNAL_ERROR, 503),
    SERVER_STARTING_UP(0x0001_000C, INTERNAL_ERROR, 503),
    CONFIGURATION_INVALID(0x0001_0017, INTERNAL_ERROR, 500),

    GENERIC_INSUFFICIENT_RESOURCES(0x0002_0000, INSUFFICIENT_RESOURCES, 503),
    QUERY_QUEUE_FULL(0x0002_0002, INSUFFICIENT_RESOURCES, 503),
    EXCEEDED_TIME_LIMIT(0x0002_0003, INSUFFICIENT_RESOURCES, 503),
    /** The server sheds load: too many requests are in flight. */
    SERVER_OVERLOADED(0x0002_0F00, INSUFFICIENT_RESOURCES, 503),

    /** A backend engine failed for a reason that is not the query's fault. */
    BACKEND_ERROR(0x0003_0000, EXTERNAL, 502),
    /** A backend engine could not be reached. */
    BACKEND_UNAVAILABLE(0x0003_0001, EXTERNAL, 503),
    /** A backend engine did not answer in time. */
    BACKEND_TIMEOUT(0x0003_0002, EXTERNAL, 504);

    private final int code;
    private final ErrorType type;
    private final int httpStatus;

    ErrorCode(int code, ErrorType type, int httpStatus)
    {
        this.code = code;
        this.type = type;
        this.httpStatus = httpStatus;
    }

    /** Trino's numeric {@code errorCode}. */
    public int code()
    {
        return code;
    }

    /** Trino's {@code errorType}. */
    public ErrorType type()
    {
        return type;
    }

    /** The HTTP status for this error when it is answered outside a query's result pages. */
    public int httpStatus()
    {
        return httpStatus;
    }
}

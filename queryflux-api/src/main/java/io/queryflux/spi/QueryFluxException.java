package io.queryflux.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception QueryFlux and its plugins throw. Its {@link ErrorCode} decides what the
 * client sees: Trino's {@code errorName} and {@code errorType}, and the HTTP status where the
 * error is answered outside a query's pages. The message is shown to the client, so it must never
 * carry secrets.
 */
public class QueryFluxException
        extends RuntimeException
{
    private final ErrorCode errorCode;
    private final ErrorLocation location;

    public QueryFluxException(ErrorCode errorCode, String message)
    {
        this(errorCode, message, null, null);
    }

    public QueryFluxException(ErrorCode errorCode, String message, Throwable cause)
    {
        this(errorCode, message, null, cause);
    }

    public QueryFluxException(ErrorCode errorCode, String message, ErrorLocation location, Throwable cause)
    {
        super(Objects.requireNonNull(message, "message is null"), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode is null");
        this.location = location;
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }

    /** Where in the SQL the error is, when the engine said. */
    public Optional<ErrorLocation> location()
    {
        return Optional.ofNullable(location);
    }
}

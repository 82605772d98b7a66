package io.queryflux.spi;

/**
 * The category of an error, as Trino reports it in {@code error.errorType}.
 */
public enum ErrorType
{
    /** The client's request or SQL is at fault; retrying it unchanged fails again. */
    USER_ERROR,
    /** A fault inside QueryFlux or an engine. */
    INTERNAL_ERROR,
    /** Capacity is exhausted: queues full, no node available, a limit exceeded. */
    INSUFFICIENT_RESOURCES,
    /** A system outside QueryFlux (a backend engine, a network) failed. */
    EXTERNAL
}

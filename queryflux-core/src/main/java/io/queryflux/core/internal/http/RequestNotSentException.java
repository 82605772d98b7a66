package io.queryflux.core.internal.http;

import java.io.IOException;

/**
 * The request never reached the origin (the connection could not be opened), so sending it again
 * cannot run anything twice.
 */
public final class RequestNotSentException
        extends IOException
{
    private final boolean timedOut;

    RequestNotSentException(String message, boolean timedOut, Throwable cause)
    {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** Whether the connect timed out, rather than being refused or failing otherwise. */
    public boolean timedOut()
    {
        return timedOut;
    }
}

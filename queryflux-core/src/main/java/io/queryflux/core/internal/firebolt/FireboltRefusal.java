package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.QueryFluxException;

/**
 * Firebolt refused a statement as a whole (a non-2xx answer): the statement did not run and no
 * session header took effect, so it may be sent again.
 */
final class FireboltRefusal
        extends QueryFluxException
{
    FireboltRefusal(QueryFluxException error)
    {
        super(error.errorCode(), error.getMessage(), error.location().orElse(null), null);
    }
}

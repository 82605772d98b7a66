package io.queryflux.core.internal.trino;

/**
 * The URIs QueryFlux hands to Trino clients for its own queries.
 */
final class TrinoUris
{
    static final String STATEMENT = "/v1/statement";
    static final String QUEUED = STATEMENT + "/qf/queued/";
    static final String EXECUTING = STATEMENT + "/qf/executing/";

    private TrinoUris() {}

    static String next(String baseUri, String queryId, boolean queued, long token)
    {
        return baseUri + (queued ? QUEUED : EXECUTING) + queryId + "/" + token;
    }

    static String info(String baseUri, String queryId)
    {
        return baseUri + "/ui/query.html?" + queryId;
    }
}

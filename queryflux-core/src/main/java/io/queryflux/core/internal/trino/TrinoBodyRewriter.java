package io.queryflux.core.internal.trino;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * Streams a Trino response body to the client, replacing only the top-level {@code nextUri} and the
 * {@code uri}/{@code ackUri} of spooled segments; every other byte is copied verbatim.
 */
interface TrinoBodyRewriter
{
    Outcome rewrite(InputStream trinoBody, OutputStream clientBody, UnaryOperator<String> nextUri, UnaryOperator<String> spooledUri)
            throws IOException;

    /**
     * @param hasNextUri whether the body had a top-level {@code nextUri}: the query goes on
     * @param state the top-level {@code stats.state}, or {@code null}
     * @param errorName the top-level {@code error.errorName}, or {@code null}
     * @param errorType the top-level {@code error.errorType}, or {@code null}
     */
    record Outcome(boolean hasNextUri, String state, String errorName, String errorType) {}
}

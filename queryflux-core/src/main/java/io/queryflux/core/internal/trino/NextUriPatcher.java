package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.passthrough.NextUriRewriter;
import io.queryflux.core.internal.passthrough.RewriteResult;

/**
 * The byte-level {@link TrinoBodyRewriter}: jackson-core only locates the values to replace; the
 * rest of the body is copied verbatim, in bounded memory.
 */
final class NextUriPatcher
{
    private NextUriPatcher() {}

    static TrinoBodyRewriter create()
    {
        return (trinoBody, clientBody, nextUri, spooledUri) -> {
            RewriteResult result = NextUriRewriter.rewrite(trinoBody, clientBody, nextUri::apply, spooledUri::apply);
            return new TrinoBodyRewriter.Outcome(result.nextUri() != null, result.state(), result.errorName(), result.errorType());
        };
    }
}

package io.queryflux.core.internal.passthrough;

/**
 * What {@link NextUriRewriter} saw while copying one Trino response body.
 *
 * @param nextUri the top-level {@code nextUri} as Trino wrote it (decoded), or {@code null} when the body has none
 * @param queryId the top-level {@code id}, or {@code null}
 * @param state {@code stats.state}, or {@code null}
 * @param errorName the top-level {@code error.errorName}, or {@code null}
 * @param errorType the top-level {@code error.errorType} (such as {@code USER_ERROR}), or {@code null}
 * @param spooledUrisRewritten how many spooled segment {@code uri}/{@code ackUri} values were replaced
 * @param complete whether the body was a JSON object the scanner followed to its closing brace; {@code false}
 * for bodies that are not JSON (e.g. a plain-text error page), truncated or malformed, which are copied
 * verbatim from the point the scanner stopped understanding them
 */
public record RewriteResult(String nextUri, String queryId, String state, String errorName, String errorType, int spooledUrisRewritten, boolean complete)
{
}

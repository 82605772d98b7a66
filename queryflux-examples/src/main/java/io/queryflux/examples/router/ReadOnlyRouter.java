package io.queryflux.examples.router;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Sends reads to one cluster group, and optionally denies everything else.
 *
 * <p>A statement is a read when its first keyword is {@code SELECT}, {@code WITH}, {@code SHOW},
 * {@code DESCRIBE}, {@code EXPLAIN} or {@code VALUES}. Every other statement counts as a write
 * (including {@code SET}, {@code USE} and {@code EXECUTE}), so that {@code denyWrites} fails closed.
 *
 * <p>The first keyword is a routing heuristic, not access control: statements such as
 * {@code WITH t AS (...) INSERT ...} or {@code EXPLAIN ANALYZE DELETE ...} start like reads but
 * write. Where writes must be impossible, also make the target engine read-only.
 */
public final class ReadOnlyRouter
        implements Router
{
    private static final Set<String> READ_KEYWORDS = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "EXPLAIN", "VALUES");

    private final String targetGroup;
    private final boolean denyWrites;

    public ReadOnlyRouter(String targetGroup, boolean denyWrites)
    {
        this.targetGroup = requireNonNull(targetGroup, "targetGroup is null");
        this.denyWrites = denyWrites;
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        Optional<String> keyword = LeadingKeyword.of(sql);
        if (keyword.isEmpty()) {
            // Not a statement this router understands; the engine will report what is wrong with it.
            return RoutingDecision.noOpinion();
        }
        if (READ_KEYWORDS.contains(keyword.get())) {
            return RoutingDecision.route(targetGroup, keyword.get() + " is a read");
        }
        if (denyWrites) {
            return RoutingDecision.deny(keyword.get() + " statements are not allowed, only reads are");
        }
        return RoutingDecision.noOpinion();
    }
}

package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a regular expression from config. An invalid one is a config problem at startup: skipping
 * it would silently route (or fail to deny) the queries it was written for.
 */
final class RegexConfig
{
    private RegexConfig() {}

    /** The pattern at {@code key}; empty after reporting it missing or invalid. */
    static Optional<Pattern> required(ProviderConfig config, String key)
    {
        String regex = config.requiredString(key);
        if (regex == null) {
            return Optional.empty(); // reported by requiredString
        }
        try {
            return Optional.of(Pattern.compile(regex));
        }
        catch (PatternSyntaxException e) {
            // getMessage() spans lines with a caret; the description and index read better in a list of problems.
            config.problem(key, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return Optional.empty();
        }
    }
}

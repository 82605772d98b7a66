package io.queryflux.core.internal.config;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects config problems so that a user sees every one at once, each prefixed with its path.
 */
public final class ConfigProblems
{
    private final List<String> problems = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    /** Records {@code <path> <message>}, e.g. {@code clusterGroups.a.maxRunningQueries must be > 0}. */
    public void add(String path, String message)
    {
        problems.add(path.isEmpty() ? message : path + " " + message);
        paths.add(path);
    }

    /**
     * Whether a problem was recorded at {@code path} or at a path enclosing it ({@code a.b} covers
     * {@code a.b}, {@code a.b.c} and {@code a.b[0]}), so that a later check can skip what is only a
     * consequence of it. A problem without a path covers nothing else.
     */
    public boolean covers(String path)
    {
        for (String recorded : paths) {
            if (path.equals(recorded) || (!recorded.isEmpty() && (path.startsWith(recorded + ".") || path.startsWith(recorded + "[")))) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty()
    {
        return problems.isEmpty();
    }

    public List<String> list()
    {
        return List.copyOf(problems);
    }

    /** Throws one exception listing every problem, if there is any. */
    public void throwIfAny()
    {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Invalid configuration (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(problem -> message.append("\n  - ").append(problem));
        throw new QueryFluxException(ErrorCode.CONFIGURATION_INVALID, message.toString());
    }

    /** Joins a child key onto a path: {@code a.b}, or {@code b} at the root. */
    public static String child(String path, String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Joins a list index onto a path: {@code a[2]}. */
    public static String index(String path, int index)
    {
        return path + "[" + index + "]";
    }
}

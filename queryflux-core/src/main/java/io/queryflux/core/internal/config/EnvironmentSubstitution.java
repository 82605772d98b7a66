package io.queryflux.core.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * Copies a loaded YAML tree, replacing {@code ${NAME}} and {@code ${NAME:-default}} in string
 * values with environment variables (so that secrets stay out of config files) and turning every
 * map key into a string. <code>$${</code> stays a literal <code>${</code>. The copy is unmodifiable.
 */
final class EnvironmentSubstitution
{
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final String ESCAPED_REFERENCE = "$${";
    // Anchors can make a YAML tree refer to itself; this ends the copy of such a tree.
    private static final int MAX_DEPTH = 64;

    private final Function<String, String> environment;
    private final ConfigProblems problems;

    EnvironmentSubstitution(Function<String, String> environment, ConfigProblems problems)
    {
        this.environment = environment;
        this.problems = problems;
    }

    /** The substituted copy of {@code value}, which sits at {@code path}. */
    Object resolve(Object value, String path)
    {
        return resolve(value, path, 0);
    }

    private Object resolve(Object value, String path, int depth)
    {
        if (depth > MAX_DEPTH) {
            problems.add(path, "is nested more than " + MAX_DEPTH + " levels deep");
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> {
                String name = String.valueOf(key);
                copy.put(name, resolve(element, child(path, name), depth + 1));
            });
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(resolve(list.get(i), index(path, i), depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof String text) {
            return substitute(text, path);
        }
        return value;
    }

    private String substitute(String text, String path)
    {
        if (!text.contains("${")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group().equals(ESCAPED_REFERENCE) ? "${" : lookUp(matcher.group(1), matcher.group(2), path);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String lookUp(String name, String defaultValue, String path)
    {
        String value = environment.apply(name);
        // As in a shell, ${NAME:-default} also takes the default when NAME is set but empty.
        if (defaultValue != null && (value == null || value.isEmpty())) {
            return defaultValue;
        }
        if (value == null) {
            problems.add(path, "refers to the environment variable " + name + ", which is not set");
            return "";
        }
        return value;
    }
}

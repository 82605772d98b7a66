package io.queryflux.core.internal.trino;

import java.util.Locale;
import java.util.Set;

/**
 * Derives Trino's {@code updateType} ("INSERT", "CREATE TABLE", …) from a statement's leading
 * keywords, for engines that report only an update count. JDBC clients treat a result with an
 * update type as an update, not a result set.
 */
final class UpdateType
{
    // Verbs whose object kind is part of Trino's update type, e.g. "CREATE TABLE".
    private static final Set<String> TWO_WORD_VERBS = Set.of("CREATE", "DROP", "ALTER", "COMMENT", "REFRESH", "TRUNCATE");
    private static final Set<String> SKIPPED_MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "IF", "NOT", "EXISTS", "UNIQUE", "ON");

    private UpdateType() {}

    static String of(String sql)
    {
        String[] words = leadingWords(sql, 6);
        if (words.length == 0) {
            return "UNKNOWN";
        }
        String verb = words[0];
        if (!TWO_WORD_VERBS.contains(verb)) {
            return verb;
        }
        for (int i = 1; i < words.length; i++) {
            if (!SKIPPED_MODIFIERS.contains(words[i])) {
                return verb + " " + words[i];
            }
        }
        return verb;
    }

    private static String[] leadingWords(String sql, int limit)
    {
        String text = stripLeadingComments(sql).trim();
        String[] words = text.split("[^A-Za-z_]+", limit + 1);
        int count = 0;
        String[] result = new String[Math.min(words.length, limit)];
        for (String word : words) {
            if (count == result.length) {
                break;
            }
            if (word.isEmpty()) {
                break;
            }
            result[count++] = word.toUpperCase(Locale.ROOT);
        }
        return java.util.Arrays.copyOf(result, count);
    }

    private static String stripLeadingComments(String sql)
    {
        String text = sql.stripLeading();
        while (true) {
            if (text.startsWith("--")) {
                int end = text.indexOf('\n');
                text = end < 0 ? "" : text.substring(end + 1).stripLeading();
            }
            else if (text.startsWith("/*")) {
                int end = text.indexOf("*/");
                text = end < 0 ? "" : text.substring(end + 2).stripLeading();
            }
            else {
                return text;
            }
        }
    }
}

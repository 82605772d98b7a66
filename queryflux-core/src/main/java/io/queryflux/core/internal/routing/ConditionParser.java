package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;

import java.util.List;
import java.util.Optional;

/**
 * Reads one entry of a {@code compound} router's {@code conditions}, in either of two shapes (see
 * {@link CompoundRouterFactory}): a single key naming the condition, or the original QueryFlux shape
 * tagged with {@code type}, so that existing configs keep working.
 */
final class ConditionParser
{
    private static final List<String> KINDS = List.of("protocol", "header", "user", "clientTag", "queryRegex");

    private ConditionParser() {}

    /** The condition; empty after reporting every problem of the entry. */
    static Optional<Condition> parse(ProviderConfig entry)
    {
        if (entry.has("type")) {
            return typed(entry);
        }
        List<String> present = KINDS.stream().filter(entry::has).toList();
        if (present.size() != 1) {
            String found = present.isEmpty() ? "" : ", not " + String.join(" and ", present);
            entry.problem("", "must have exactly one of the keys " + String.join(", ", KINDS) + found);
            return Optional.empty();
        }
        return switch (present.get(0)) {
            case "protocol" -> nonBlank(entry, "protocol").map(Condition.Protocol::new);
            case "header" -> entry.object("header").flatMap(header -> header(header, "name", "value"));
            case "user" -> nonBlank(entry, "user").map(Condition.User::new);
            case "clientTag" -> entry.object("clientTag").flatMap(ConditionParser::clientTag);
            default -> RegexConfig.required(entry, "queryRegex").map(Condition.QueryRegex::new);
        };
    }

    private static Optional<Condition> typed(ProviderConfig entry)
    {
        String type = entry.requiredString("type");
        if (type == null) {
            return Optional.empty(); // reported by requiredString
        }
        return switch (type) {
            case "protocol" -> nonBlank(entry, "protocol").map(Condition.Protocol::new);
            case "header" -> header(entry, "headerName", "headerValue");
            case "user" -> nonBlank(entry, "username").map(Condition.User::new);
            case "clientTag" -> nonBlank(entry, "tag").flatMap(tag -> taggedClientTag(entry, tag));
            case "queryRegex" -> RegexConfig.required(entry, "regex").map(Condition.QueryRegex::new);
            default -> {
                entry.problem("type", "must be one of " + String.join(", ", KINDS) + ", not '" + type + "'");
                yield Optional.empty();
            }
        };
    }

    private static Optional<Condition> header(ProviderConfig entry, String nameKey, String valueKey)
    {
        Optional<String> name = nonBlank(entry, nameKey);
        Optional<String> value = nonBlank(entry, valueKey);
        if (name.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition.Header(name.get(), value.get()));
    }

    private static Optional<Condition> clientTag(ProviderConfig entry)
    {
        Optional<String> key = nonBlank(entry, "key").filter(tagKey -> validKey(entry, "key", tagKey));
        // A missing or null value: the tag only has to be present.
        Optional<String> value = entry.string("value");
        return key.map(tagKey -> new Condition.ClientTag(tagKey, value.orElse(null)));
    }

    /** The original shape's {@code tag} is written like a client tag: {@code key} or {@code key:value}. */
    private static Optional<Condition> taggedClientTag(ProviderConfig entry, String tag)
    {
        int colon = tag.indexOf(':');
        String key = colon < 0 ? tag.trim() : tag.substring(0, colon).trim();
        String value = colon < 0 ? null : tag.substring(colon + 1).trim();
        if (!validKey(entry, "tag", key)) {
            return Optional.empty();
        }
        return Optional.of(new Condition.ClientTag(key, value));
    }

    private static boolean validKey(ProviderConfig entry, String configKey, String tagKey)
    {
        if (TagParser.isValidKey(tagKey)) {
            return true;
        }
        entry.problem(configKey, "'" + tagKey + "' is not a valid tag key: use at most " + TagParser.MAX_KEY_LENGTH + " letters, digits, '_' or '-'");
        return false;
    }

    private static Optional<String> nonBlank(ProviderConfig entry, String key)
    {
        return Optional.ofNullable(entry.requiredString(key));
    }
}

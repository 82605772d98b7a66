package io.queryflux.core.internal.auth;

import io.queryflux.spi.Principal;
import io.queryflux.spi.ProviderConfig;

import java.util.Optional;
import java.util.Set;

/**
 * Who may run queries in a cluster group, from the group's {@code authorization} entry:
 * {@code {allowUsers: [...], allowGroups: [...]}}. Without the entry, anyone may.
 *
 * @param path the entry's config path, named in the routing trace when it denies a query
 * @param restricted whether the group has an {@code authorization} entry
 * @param allowUsers users who may use the group
 * @param allowGroups groups whose members may use the group
 */
public record GroupAccessRule(String path, boolean restricted, Set<String> allowUsers, Set<String> allowGroups)
{
    private static final Set<String> KEYS = Set.of("allowUsers", "allowGroups");

    public GroupAccessRule
    {
        allowUsers = Set.copyOf(allowUsers);
        allowGroups = Set.copyOf(allowGroups);
    }

    public static GroupAccessRule unrestricted(String path)
    {
        return new GroupAccessRule(path, false, Set.of(), Set.of());
    }

    /** Reads {@code authorization} of a group entry. */
    public static GroupAccessRule read(ProviderConfig group)
    {
        String path = group.path() + ".authorization";
        Optional<ProviderConfig> entry = group.object("authorization");
        if (entry.isEmpty()) {
            return unrestricted(path);
        }
        ProviderConfig config = entry.get();
        // Group settings are not checked for unknown keys as a whole; a typo here must not pass silently.
        config.keys().stream().filter(key -> !KEYS.contains(key)).forEach(key -> config.problem(key, "is not a known key"));
        Set<String> users = Set.copyOf(config.stringList("allowUsers"));
        Set<String> groups = Set.copyOf(config.stringList("allowGroups"));
        if (users.isEmpty() && groups.isEmpty()) {
            config.problem("", "must list allowUsers or allowGroups (as it is, nobody may use the group)");
        }
        return new GroupAccessRule(config.path(), true, users, groups);
    }

    /** Whether {@code principal} (null: anonymous) may use the group. */
    public boolean allows(Principal principal)
    {
        if (!restricted) {
            return true;
        }
        if (principal == null) {
            return false;
        }
        return allowUsers.contains(principal.user()) || principal.groups().stream().anyMatch(allowGroups::contains);
    }
}

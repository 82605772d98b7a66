package io.queryflux.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How clients authenticate, and who may act for others: the top-level {@code auth} section.
 *
 * <pre>{@code
 * auth:
 *   provider: static          # none (the default) | static | jwt | a custom AuthProviderFactory's name
 *   required: false           # none: refuse requests that carry no user
 *   operators: { users: [admin], groups: [ops] }   # may poll and cancel every user's queries
 *   impersonation:            # an authenticated user may send another X-Trino-User only if a rule allows it
 *     - { user: svc-.*, mayActAs: ".*" }
 *   logins: { cacheTtl: 5m, maxFailures: 5, lockout: 1s, maxConcurrent: 4 }
 *   users:                    # provider-specific keys, checked by the provider's factory
 *     alice: { passwordHash: "pbkdf2-sha256$600000$...$...", groups: [analysts] }
 * }</pre>
 *
 * {@link #toString()} shows only the provider's key names, never their values.
 *
 * @param provider the auth provider factory's name
 * @param required whether a request without any user is refused (for providers that allow anonymous clients)
 * @param operatorUsers users who may act on every user's queries
 * @param operatorGroups groups whose members may act on every user's queries
 * @param impersonation who may run queries as whom, in order
 * @param properties everything else under {@code auth}, read by the provider's factory (and {@code logins})
 */
public record AuthConfig(String provider, boolean required, Set<String> operatorUsers, Set<String> operatorGroups, List<Impersonation> impersonation, Map<String, Object> properties)
{
    public static final String NONE = "none";
    private static final AuthConfig DEFAULTS = new AuthConfig(NONE, false, Set.of(), Set.of(), List.of(), Map.of());

    public AuthConfig
    {
        Objects.requireNonNull(provider, "provider is null");
        operatorUsers = Collections.unmodifiableSet(new LinkedHashSet<>(operatorUsers));
        operatorGroups = Collections.unmodifiableSet(new LinkedHashSet<>(operatorGroups));
        impersonation = List.copyOf(impersonation);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Provider {@code none}: the client's user name is trusted. */
    public static AuthConfig defaults()
    {
        return DEFAULTS;
    }

    public static Builder builder(String provider)
    {
        return new Builder(provider);
    }

    @Override
    public String toString()
    {
        return "AuthConfig[provider=" + provider + ", required=" + required + ", operatorUsers=" + operatorUsers + ", operatorGroups=" + operatorGroups
                + ", impersonation=" + impersonation + ", keys=" + properties.keySet() + "]";
    }

    /**
     * An impersonation rule: a principal whose user name matches {@code user} may run queries as any
     * user whose name matches {@code mayActAs}. Both are regular expressions that must match the whole name.
     */
    public record Impersonation(String user, String mayActAs)
    {
        public Impersonation
        {
            Objects.requireNonNull(user, "user is null");
            Objects.requireNonNull(mayActAs, "mayActAs is null");
        }
    }

    /** Builds an {@link AuthConfig} in code. */
    public static final class Builder
    {
        private final String provider;
        private boolean required;
        private final Set<String> operatorUsers = new LinkedHashSet<>();
        private final Set<String> operatorGroups = new LinkedHashSet<>();
        private final List<Impersonation> impersonation = new ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String provider)
        {
            this.provider = Objects.requireNonNull(provider, "provider is null");
        }

        public Builder required(boolean required)
        {
            this.required = required;
            return this;
        }

        public Builder operatorUser(String user)
        {
            operatorUsers.add(user);
            return this;
        }

        public Builder operatorGroup(String group)
        {
            operatorGroups.add(group);
            return this;
        }

        public Builder impersonation(String user, String mayActAs)
        {
            impersonation.add(new Impersonation(user, mayActAs));
            return this;
        }

        /** A provider-specific setting, e.g. {@code users} or {@code secret}. */
        public Builder property(String key, Object value)
        {
            properties.put(key, value);
            return this;
        }

        public AuthConfig build()
        {
            return new AuthConfig(provider, required, operatorUsers, operatorGroups, impersonation, properties);
        }
    }
}

package io.queryflux.core.internal.routing;

import io.queryflux.spi.SessionContext;

import java.util.Objects;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** One predicate of a {@code compound} router. */
sealed interface Condition
{
    boolean matches(String sql, SessionContext session);

    /** What the condition checks, for the routing trace. */
    String describe();

    /** The query arrived through this frontend protocol. */
    record Protocol(String protocol)
            implements Condition
    {
        public Protocol
        {
            requireNonNull(protocol, "protocol is null");
        }

        @Override
        public boolean matches(String sql, SessionContext session)
        {
            return protocol.equals(session.protocol());
        }

        @Override
        public String describe()
        {
            return "protocol " + protocol;
        }
    }

    /** A request header, named in any case, has exactly this value. */
    record Header(String name, String value)
            implements Condition
    {
        public Header
        {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public boolean matches(String sql, SessionContext session)
        {
            return session.header(name).filter(value::equals).isPresent();
        }

        @Override
        public String describe()
        {
            // Without the value: a header may carry a token that only happens to be configured.
            return "header " + name;
        }
    }

    /** The authenticated user is this one. */
    record User(String user)
            implements Condition
    {
        public User
        {
            requireNonNull(user, "user is null");
        }

        @Override
        public boolean matches(String sql, SessionContext session)
        {
            return user.equals(session.user());
        }

        @Override
        public String describe()
        {
            return "user " + user;
        }
    }

    /** The query carries tag {@code key}, with {@code value} unless that is {@code null}. */
    record ClientTag(String key, String value)
            implements Condition
    {
        public ClientTag
        {
            requireNonNull(key, "key is null");
        }

        @Override
        public boolean matches(String sql, SessionContext session)
        {
            return session.tags().containsKey(key) && (value == null || Objects.equals(value, session.tags().get(key)));
        }

        @Override
        public String describe()
        {
            return "clientTag " + (value == null ? key : key + "=" + value);
        }
    }

    /** The pattern is found in the SQL text. */
    record QueryRegex(Pattern pattern)
            implements Condition
    {
        public QueryRegex
        {
            requireNonNull(pattern, "pattern is null");
        }

        @Override
        public boolean matches(String sql, SessionContext session)
        {
            return pattern.matcher(sql).find();
        }

        @Override
        public String describe()
        {
            // The pattern, not the SQL: the query text may hold secrets such as passwords.
            return "queryRegex /" + pattern.pattern() + "/";
        }
    }
}

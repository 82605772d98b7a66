package io.queryflux.spi;

import java.util.Objects;

/**
 * A change an engine made to the client's session while running a statement (for example
 * {@code USE DATABASE} or {@code BEGIN TRANSACTION}). The frontend passes it to its client in the
 * client's own terms; for Trino clients, as {@code X-Trino-Set-Catalog}, {@code X-Trino-Started-Transaction-Id}
 * and the like.
 *
 * @param kind what changed
 * @param name the property name for {@link Kind#SET_PROPERTY} and {@link Kind#CLEAR_PROPERTY}, else {@code null}
 * @param value the new value (catalog, schema, property value or transaction id), or {@code null}
 */
public record SessionChange(Kind kind, String name, String value)
{
    public enum Kind
    {
        SET_CATALOG,
        SET_SCHEMA,
        SET_PROPERTY,
        CLEAR_PROPERTY,
        STARTED_TRANSACTION,
        CLEAR_TRANSACTION
    }

    public SessionChange
    {
        Objects.requireNonNull(kind, "kind is null");
    }

    public static SessionChange setCatalog(String catalog)
    {
        return new SessionChange(Kind.SET_CATALOG, null, catalog);
    }

    public static SessionChange setSchema(String schema)
    {
        return new SessionChange(Kind.SET_SCHEMA, null, schema);
    }

    public static SessionChange setProperty(String name, String value)
    {
        return new SessionChange(Kind.SET_PROPERTY, name, value);
    }

    public static SessionChange clearProperty(String name)
    {
        return new SessionChange(Kind.CLEAR_PROPERTY, name, null);
    }

    public static SessionChange startedTransaction(String transactionId)
    {
        return new SessionChange(Kind.STARTED_TRANSACTION, null, transactionId);
    }

    public static SessionChange clearTransaction()
    {
        return new SessionChange(Kind.CLEAR_TRANSACTION, null, null);
    }
}

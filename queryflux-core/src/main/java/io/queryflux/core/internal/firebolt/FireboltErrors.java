package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.ErrorType;
import io.queryflux.spi.QueryFluxException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import static io.queryflux.spi.ErrorCode.ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.BACKEND_ERROR;
import static io.queryflux.spi.ErrorCode.BACKEND_TIMEOUT;
import static io.queryflux.spi.ErrorCode.BACKEND_UNAVAILABLE;
import static io.queryflux.spi.ErrorCode.CATALOG_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.COLUMN_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.DIVISION_BY_ZERO;
import static io.queryflux.spi.ErrorCode.FUNCTION_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.GENERIC_USER_ERROR;
import static io.queryflux.spi.ErrorCode.INVALID_CAST_ARGUMENT;
import static io.queryflux.spi.ErrorCode.NOT_SUPPORTED;
import static io.queryflux.spi.ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE;
import static io.queryflux.spi.ErrorCode.PERMISSION_DENIED;
import static io.queryflux.spi.ErrorCode.SCHEMA_ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.SCHEMA_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.SYNTAX_ERROR;
import static io.queryflux.spi.ErrorCode.TABLE_ALREADY_EXISTS;
import static io.queryflux.spi.ErrorCode.TABLE_NOT_FOUND;
import static io.queryflux.spi.ErrorCode.TRANSACTION_CONFLICT;
import static io.queryflux.spi.ErrorCode.TYPE_NOT_FOUND;

/**
 * Turns Firebolt's errors into a {@link QueryFluxException}: the message is Firebolt's
 * {@code description}; a user error ({@code source} "User Error", or a 4xx status without a source)
 * gets the most precise user error code its name and description make clear, and its location; a
 * system error is an {@link ErrorCode#BACKEND_ERROR}.
 */
final class FireboltErrors
{
    private FireboltErrors() {}

    /**
     * @param errors what Firebolt reported, maybe nothing
     * @param status the HTTP status of the answer (2xx for errors inside a result)
     */
    static QueryFluxException toException(List<FireboltError> errors, int status, FireboltStatement statement, String clusterName)
    {
        FireboltError primary = errors.stream().filter(error -> !error.isWarning()).findFirst()
                .orElse(errors.isEmpty() ? null : errors.get(0));
        if (primary == null) {
            return new QueryFluxException(statusCode(status), "Firebolt cluster " + clusterName + " failed the statement (HTTP " + status + ") without saying why");
        }
        boolean onlyWarnings = primary.isWarning();
        String message = errors.stream()
                .filter(error -> onlyWarnings || !error.isWarning())
                .map(FireboltErrors::text)
                .filter(Objects::nonNull)
                .distinct()
                .collect(Collectors.joining("\n"));
        if (message.isEmpty()) {
            message = "Firebolt cluster " + clusterName + " failed the statement (HTTP " + status + ")";
        }
        ErrorCode code = classify(primary, status);
        ErrorLocation location = code.type() == ErrorType.USER_ERROR
                ? FireboltErrorLocator.locate(primary.location(), statement).orElse(null)
                : null;
        return new QueryFluxException(code, message, location, null);
    }

    static ErrorCode classify(FireboltError error, int status)
    {
        String name = Objects.toString(error.name(), "").toLowerCase(Locale.ROOT);
        String description = Objects.toString(error.description(), "").toLowerCase(Locale.ROOT);
        String text = name + " " + description;
        // Firebolt's own single-writer rule: the client may retry, so say what happened.
        if (text.contains("write transaction") && (text.contains("another") || text.contains("concurrent") || text.contains("active"))) {
            return TRANSACTION_CONFLICT;
        }
        String source = Objects.toString(error.source(), "").toLowerCase(Locale.ROOT);
        boolean user = source.contains("user") || (!source.contains("system") && isUserStatus(status));
        if (!user) {
            return source.contains("system") ? BACKEND_ERROR : statusCode(status);
        }
        return userCode(name, description);
    }

    /**
     * The code of a user error, by what its name and description say. What the error is about comes
     * from the description alone when there is one: a name like {@code CATALOG_ERROR} says which part
     * of the engine failed, not what was missing.
     */
    static ErrorCode userCode(String name, String description)
    {
        if ((name + " " + description).contains("syntax") || (name + " " + description).contains("parse")) {
            return SYNTAX_ERROR;
        }
        String text = description.isBlank() ? name.replace('_', ' ') : description;
        if (text.contains("division by zero") || text.contains("divide by zero")) {
            return DIVISION_BY_ZERO;
        }
        // Before permissions: Firebolt says "does not exist or not authorized" so as not to reveal which.
        if (text.contains("does not exist") || text.contains("not found") || text.contains("no such") || text.contains("unknown ")) {
            return notFound(text);
        }
        if (text.contains("permission") || text.contains("access denied") || text.contains("not authorized")) {
            return PERMISSION_DENIED;
        }
        if (text.contains("already exists")) {
            String entity = firstEntity(text, "table", "relation", "view", "schema");
            return entity == null ? ALREADY_EXISTS : entity.equals("schema") ? SCHEMA_ALREADY_EXISTS : TABLE_ALREADY_EXISTS;
        }
        if (text.contains("cannot cast") || text.contains("could not convert") || text.contains("invalid input syntax")) {
            return INVALID_CAST_ARGUMENT;
        }
        if (text.contains("out of range") || text.contains("overflow")) {
            return NUMERIC_VALUE_OUT_OF_RANGE;
        }
        if (text.contains("not supported") || text.contains("unsupported")) {
            return NOT_SUPPORTED;
        }
        return GENERIC_USER_ERROR;
    }

    // The entity named first wins: "column c does not exist in table t" is about the column.
    private static ErrorCode notFound(String text)
    {
        String entity = firstEntity(text, "table", "relation", "view", "column", "function", "database", "catalog", "schema", "type");
        if (entity == null) {
            return GENERIC_USER_ERROR;
        }
        return switch (entity) {
            case "table", "relation", "view" -> TABLE_NOT_FOUND;
            case "column" -> COLUMN_NOT_FOUND;
            case "function" -> FUNCTION_NOT_FOUND;
            case "database", "catalog" -> CATALOG_NOT_FOUND;
            case "schema" -> SCHEMA_NOT_FOUND;
            default -> TYPE_NOT_FOUND;
        };
    }

    private static String firstEntity(String text, String... entities)
    {
        String first = null;
        int firstIndex = Integer.MAX_VALUE;
        for (String entity : entities) {
            int index = indexOfWord(text, entity);
            if (index >= 0 && index < firstIndex) {
                first = entity;
                firstIndex = index;
            }
        }
        return first;
    }

    private static int indexOfWord(String text, String word)
    {
        int from = 0;
        while (true) {
            int index = text.indexOf(word, from);
            if (index < 0) {
                return -1;
            }
            boolean startsWord = index == 0 || !Character.isLetter(text.charAt(index - 1));
            int end = index + word.length();
            boolean endsWord = end == text.length() || !Character.isLetter(text.charAt(end));
            if (startsWord && endsWord) {
                return index;
            }
            from = index + 1;
        }
    }

    private static boolean isUserStatus(int status)
    {
        // Errors inside a 2xx result without a source are most likely about the query, like other 4xx.
        return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 404 && status != 408 && status != 429);
    }

    /** The code for a failure known only by its HTTP status. */
    static ErrorCode statusCode(int status)
    {
        return switch (status) {
            case 503, 429 -> BACKEND_UNAVAILABLE;
            case 504, 408 -> BACKEND_TIMEOUT;
            default -> isUserStatus(status) ? GENERIC_USER_ERROR : BACKEND_ERROR;
        };
    }

    private static String text(FireboltError error)
    {
        if (error.description() != null && !error.description().isBlank()) {
            return error.description().strip();
        }
        return error.name() != null ? error.name() : error.code();
    }
}

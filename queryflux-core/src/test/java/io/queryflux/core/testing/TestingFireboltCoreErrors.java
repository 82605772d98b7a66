package io.queryflux.core.testing;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firebolt-shaped errors of {@link TestingFireboltCore}: {@code code}, {@code name}, {@code severity},
 * {@code source} ("User Error" or "System Error"), {@code description} and, when DuckDB points at the
 * failing text, {@code location}. The location follows the convention the backend assumes:
 * {@code failing_line} counts from 1, {@code start_offset} is a 0-based UTF-8 byte offset into the
 * whole statement and {@code end_offset} is just past the failing token.
 */
final class TestingFireboltCoreErrors
{
    private static final String PENDING_WRAPPER = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\nError: ";
    private static final Set<String> USER_KINDS = Set.of("Parser", "Catalog", "Binder", "Conversion", "Constraint", "Invalid Input", "Out of Range", "Not implemented", "Dependency");
    private static final Pattern KIND = Pattern.compile("^([A-Za-z ]{1,30}) Error: ");
    private static final Pattern CARET_LINE = Pattern.compile("\nLINE (\\d+): (.*)\n( *)\\^");
    private static final Pattern NEAR = Pattern.compile("at or near \"([^\"]*)\"");

    private TestingFireboltCoreErrors() {}

    /** An error to answer instead of a result. */
    static final class Failure
            extends RuntimeException
    {
        private final int status;
        private final String name;
        private final boolean userError;
        private final String description;
        private final int[] location;

        Failure(int status, String name, boolean userError, String description, int[] location)
        {
            super(description);
            this.status = status;
            this.name = name;
            this.userError = userError;
            this.description = description;
            this.location = location;
        }

        static Failure user(String name, String description)
        {
            return new Failure(400, name, true, description, null);
        }

        static Failure system(String name, String description)
        {
            return new Failure(500, name, false, description, null);
        }

        int status()
        {
            return status;
        }

        /** Writes the error object. */
        void write(JsonGenerator json)
                throws IOException
        {
            json.writeStartObject();
            json.writeStringField("code", userError ? "400" : "500");
            json.writeStringField("name", name);
            json.writeStringField("severity", "ERROR");
            json.writeStringField("source", userError ? "User Error" : "System Error");
            json.writeStringField("description", description);
            if (location != null) {
                json.writeObjectFieldStart("location");
                json.writeNumberField("failing_line", location[0]);
                json.writeNumberField("start_offset", location[1]);
                json.writeNumberField("end_offset", location[2]);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    /** DuckDB's error as Firebolt would report it. */
    static Failure fromDuckDb(SQLException exception, String sql)
    {
        String message = exception.getMessage() == null ? "DuckDB failed" : exception.getMessage();
        if (message.startsWith(PENDING_WRAPPER)) {
            message = message.substring(PENDING_WRAPPER.length());
        }
        Matcher kind = KIND.matcher(message);
        boolean hasKind = kind.find();
        String errorKind = hasKind ? kind.group(1) : "Internal";
        String detail = hasKind ? message.substring(kind.end()) : message;
        String description = detail.lines().findFirst().orElse(detail).strip();
        boolean user = USER_KINDS.contains(errorKind);
        String name = errorKind.toUpperCase(Locale.ROOT).replace(' ', '_') + "_ERROR";
        return new Failure(user ? 400 : 500, name, user, description, user ? location(message, sql) : null);
    }

    /** {@code {failing_line, start_offset, end_offset}} from DuckDB's caret, or {@code null}. */
    private static int[] location(String message, String sql)
    {
        Matcher caret = CARET_LINE.matcher(message);
        if (!caret.find() || caret.group(2).startsWith("...")) {
            return null;
        }
        int line = Integer.parseInt(caret.group(1));
        int column = caret.group(3).length() - ("LINE " + caret.group(1) + ": ").length();
        String[] lines = sql.split("\n", -1);
        if (line < 1 || line > lines.length || column < 0 || column > lines[line - 1].length()) {
            return null;
        }
        int lineStart = 0;
        for (int i = 0; i < line - 1; i++) {
            lineStart += lines[i].getBytes(StandardCharsets.UTF_8).length + 1;
        }
        int start = lineStart + lines[line - 1].substring(0, column).getBytes(StandardCharsets.UTF_8).length;
        Matcher near = NEAR.matcher(message);
        int length = near.find() ? Math.max(1, near.group(1).getBytes(StandardCharsets.UTF_8).length) : 1;
        return new int[] {line, start, Math.min(start + length, sql.getBytes(StandardCharsets.UTF_8).length)};
    }
}

package io.queryflux.core.internal.firebolt;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Firebolt's text forms of timestamps: {@code 1996-09-03 09:19:33[.123456]} and, with a time zone, the
 * same followed by a UTC offset such as {@code +00}, {@code -08}, {@code +05:30} or {@code +0530}.
 */
final class FireboltTemporal
{
    // "yyyy-MM-dd HH:mm:ss" before any fraction or offset.
    private static final int SECONDS_END = 19;
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private FireboltTemporal() {}

    static LocalDateTime timestamp(String text)
    {
        return LocalDateTime.parse(text.strip(), TIMESTAMP);
    }

    static OffsetDateTime timestampWithTimeZone(String text)
    {
        String value = text.strip();
        int offset = offsetStart(value);
        if (offset < 0) {
            throw new IllegalArgumentException("no UTC offset in timestamptz '" + value + "'");
        }
        LocalDateTime local = timestamp(value.substring(0, offset));
        return OffsetDateTime.of(local, zoneOffset(value.substring(offset).strip()));
    }

    private static int offsetStart(String value)
    {
        for (int i = Math.min(SECONDS_END, value.length()); i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || c == '-' || c == 'Z' || c == 'z' || c == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static ZoneOffset zoneOffset(String text)
    {
        if (text.equalsIgnoreCase("Z") || text.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        // ZoneOffset.of takes +h, +hh, +hh:mm, +hhmm, +hh:mm:ss and +hhmmss.
        return ZoneOffset.of(text);
    }
}

package io.queryflux.core.internal.trino;

import io.queryflux.spi.TrinoType;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The text forms of temporal values and map keys in Trino's JSON: {@code HH:mm:ss[.f…]} and
 * {@code yyyy-MM-dd HH:mm:ss[.f…]} with exactly the type's precision in fraction digits.
 */
final class TemporalText
{
    private TemporalText() {}

    static String time(LocalTime time, int precision)
    {
        StringBuilder text = new StringBuilder(8 + 1 + precision);
        appendTime(text, time.getHour(), time.getMinute(), time.getSecond(), time.getNano(), precision);
        return text.toString();
    }

    static String timestamp(LocalDateTime timestamp, int precision)
    {
        StringBuilder text = new StringBuilder(19 + 1 + precision);
        int year = timestamp.getYear();
        if (year < 0 || year > 9999) {
            // Outside four digits Trino prints a sign and the full year.
            text.append(year < 0 ? '-' : '+');
            appendPadded(text, Math.abs(year), 4);
        }
        else {
            appendPadded(text, year, 4);
        }
        text.append('-');
        appendPadded(text, timestamp.getMonthValue(), 2);
        text.append('-');
        appendPadded(text, timestamp.getDayOfMonth(), 2);
        text.append(' ');
        appendTime(text, timestamp.getHour(), timestamp.getMinute(), timestamp.getSecond(), timestamp.getNano(), precision);
        return text.toString();
    }

    private static void appendTime(StringBuilder text, int hour, int minute, int second, int nanos, int precision)
    {
        appendPadded(text, hour, 2);
        text.append(':');
        appendPadded(text, minute, 2);
        text.append(':');
        appendPadded(text, second, 2);
        if (precision > 0) {
            text.append('.');
            // Precisions above 9 (picoseconds) pad with zeros: Java time stops at nanoseconds.
            int digits = Math.min(precision, 9);
            appendPadded(text, nanos / POWERS_OF_TEN[9 - digits], digits);
            text.append("0".repeat(precision - digits));
        }
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private static void appendPadded(StringBuilder text, int value, int width)
    {
        int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits; i < width; i++) {
            text.append('0');
        }
        text.append(value);
    }

    /** Formats a map key as the string Trino uses for that key type. */
    @FunctionalInterface
    interface KeyFormatter
    {
        String format(Object key);
    }

    static KeyFormatter keyFormatter(TrinoType keyType)
    {
        return switch (keyType.rawType()) {
            case "time" -> {
                int precision = (int) keyType.longArgument(0, 3);
                yield key -> key instanceof LocalTime time ? time(time, precision) : String.valueOf(key);
            }
            case "timestamp" -> {
                int precision = (int) keyType.longArgument(0, 3);
                yield key -> key instanceof LocalDateTime timestamp ? timestamp(timestamp, precision) : String.valueOf(key);
            }
            case "decimal" -> key -> key instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(key);
            default -> String::valueOf;
        };
    }
}

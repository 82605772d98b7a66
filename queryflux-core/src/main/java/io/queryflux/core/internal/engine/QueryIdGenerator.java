package io.queryflux.core.internal.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes query ids in Trino's form {@code YYYYMMdd_HHmmss_NNNNN_xxxxx}: a UTC timestamp, a counter,
 * and a per-server suffix of five characters from {@code a-z2-9} without {@code l} and {@code o}.
 */
public final class QueryIdGenerator
{
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final Clock clock;
    private final String suffix;
    private final AtomicInteger counter = new AtomicInteger();

    public QueryIdGenerator(Clock clock)
    {
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        char[] chars = new char[5];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        this.suffix = new String(chars);
    }

    public String next()
    {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int sequence = Math.floorMod(counter.getAndIncrement(), 100_000);
        StringBuilder id = new StringBuilder(27);
        pad(id, now.getYear(), 4);
        pad(id, now.getMonthValue(), 2);
        pad(id, now.getDayOfMonth(), 2);
        id.append('_');
        pad(id, now.getHour(), 2);
        pad(id, now.getMinute(), 2);
        pad(id, now.getSecond(), 2);
        id.append('_');
        pad(id, sequence, 5);
        return id.append('_').append(suffix).toString();
    }

    private static void pad(StringBuilder builder, int value, int width)
    {
        String digits = Integer.toString(value);
        builder.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }
}

package io.queryflux.jetty.auth;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Captures what slf4j-simple writes (to {@code System.err}, resolved on every write) while it is open,
 * still passing it through, with the loggers under a prefix turned to DEBUG so that the chattiest
 * output is checked too. slf4j-simple has no API to change a level at run time, so the existing loggers'
 * level field is set by reflection; this is test-only plumbing.
 */
final class TestingLogCapture
        implements AutoCloseable
{
    private static final int DEBUG = 10;

    private final String prefix;
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Map<Logger, Integer> previousLevels = new HashMap<>();

    private TestingLogCapture(String prefix)
    {
        this.prefix = prefix;
    }

    static TestingLogCapture start(String prefix)
    {
        TestingLogCapture capture = new TestingLogCapture(prefix);
        System.setProperty("org.slf4j.simpleLogger.log." + prefix, "debug");
        capture.setLevels();
        System.setErr(new PrintStream(new Tee(capture.original, capture.captured), true, StandardCharsets.UTF_8));
        return capture;
    }

    /** Everything logged so far. */
    String text()
    {
        System.err.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close()
    {
        System.setErr(original);
        System.clearProperty("org.slf4j.simpleLogger.log." + prefix);
        previousLevels.forEach((logger, level) -> setLevel(logger, level));
    }

    @SuppressWarnings("unchecked")
    private void setLevels()
    {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        try {
            Field map = factory.getClass().getDeclaredField("loggerMap");
            map.setAccessible(true);
            for (Map.Entry<String, Logger> entry : ((Map<String, Logger>) map.get(factory)).entrySet()) {
                if (entry.getKey().startsWith(prefix)) {
                    previousLevels.put(entry.getValue(), level(entry.getValue()));
                    setLevel(entry.getValue(), DEBUG);
                }
            }
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This helper expects slf4j-simple as the slf4j binding of the tests", e);
        }
    }

    private static int level(Logger logger)
    {
        try {
            return levelField(logger).getInt(logger);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLevel(Logger logger, int level)
    {
        try {
            levelField(logger).setInt(logger, level);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field levelField(Logger logger)
            throws NoSuchFieldException
    {
        Field field = logger.getClass().getDeclaredField("currentLogLevel");
        field.setAccessible(true);
        return field;
    }

    private static final class Tee
            extends OutputStream
    {
        private final PrintStream first;
        private final ByteArrayOutputStream second;

        private Tee(PrintStream first, ByteArrayOutputStream second)
        {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b)
        {
            synchronized (second) {
                second.write(b);
            }
            first.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
        {
            synchronized (second) {
                second.write(bytes, offset, length);
            }
            first.write(bytes, offset, length);
        }

        @Override
        public void flush()
        {
            first.flush();
        }
    }
}

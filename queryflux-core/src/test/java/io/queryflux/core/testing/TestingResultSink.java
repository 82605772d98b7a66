package io.queryflux.core.testing;

import io.queryflux.spi.Column;
import io.queryflux.spi.ResultSink;
import io.queryflux.spi.SessionChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A {@link ResultSink} that keeps what it receives, session changes included; an optional hook runs
 * before each row is kept (to throw, block or cancel at a given row). It can also count rows without
 * keeping them, for large results.
 */
public final class TestingResultSink
        implements ResultSink
{
    private final LongConsumer beforeRow;
    private final boolean keepRows;
    private final AtomicLong rowsSeen = new AtomicLong();
    private final List<List<Object>> rows = Collections.synchronizedList(new ArrayList<>());
    private final List<SessionChange> sessionChanges = Collections.synchronizedList(new ArrayList<>());
    private volatile List<Column> columns;
    private volatile Long updateCount;

    public TestingResultSink()
    {
        this(row -> {}, true);
    }

    /** @param beforeRow receives the 1-based number of each row before it is kept */
    public TestingResultSink(LongConsumer beforeRow)
    {
        this(beforeRow, true);
    }

    public TestingResultSink(LongConsumer beforeRow, boolean keepRows)
    {
        this.beforeRow = beforeRow;
        this.keepRows = keepRows;
    }

    @Override
    public void columns(List<Column> columns)
    {
        if (this.columns != null) {
            throw new IllegalStateException("columns sent twice");
        }
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(Object[] values)
    {
        if (columns == null || values.length != columns.size()) {
            throw new IllegalStateException("row without matching columns");
        }
        beforeRow.accept(rowsSeen.incrementAndGet());
        if (keepRows) {
            // The producer reuses the array.
            rows.add(Arrays.asList(values.clone()));
        }
    }

    @Override
    public void updateCount(long count)
    {
        updateCount = count;
    }

    @Override
    public void sessionChanged(SessionChange change)
    {
        sessionChanges.add(change);
    }

    public List<Column> columns()
    {
        return columns;
    }

    public List<String> typeNames()
    {
        return columns.stream().map(column -> column.type().displayName()).toList();
    }

    public List<List<Object>> rows()
    {
        return List.copyOf(rows);
    }

    /** The single value of a one-row, one-column result. */
    public Object onlyValue()
    {
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value, got " + rows);
        }
        return rows.get(0).get(0);
    }

    public long rowsSeen()
    {
        return rowsSeen.get();
    }

    public Long updateCount()
    {
        return updateCount;
    }

    public List<SessionChange> sessionChanges()
    {
        return List.copyOf(sessionChanges);
    }
}

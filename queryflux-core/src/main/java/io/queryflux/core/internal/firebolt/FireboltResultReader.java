package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.ResultSink;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a 2xx Firebolt answer into a {@link ResultSink}, token by token, so that a result of any
 * size passes with the memory of one row (plus the parser's and the HTTP client's small buffers): the
 * reading thread blocks in {@link ResultSink#row} while the client is behind, and stops reading the
 * socket meanwhile.
 *
 * <p>It reads {@code JSONLines_Compact} (one object per line: {@code START} with
 * {@code result_columns}, {@code DATA} with {@code data}, then {@code FINISH_SUCCESSFULLY} or
 * {@code FINISH_WITH_ERRORS} with {@code errors}) and, should an engine answer in it,
 * {@code JSON_Compact} (one object with {@code meta}, {@code data} and maybe {@code errors}). An empty
 * body, or a result without columns, is a statement without a result set. A stream that stops before
 * its {@code FINISH} message means the engine went away.
 */
final class FireboltResultReader
{
    private static final int CANCEL_CHECK_MASK = 1023;

    private final JsonParser parser;
    private final ResultSink sink;
    private final Cancellation cancellation;
    private final FireboltStatement statement;
    private final String clusterName;
    private List<Column> columns;
    private ValueReader[] readers;
    private long rows;

    FireboltResultReader(JsonParser parser, ResultSink sink, Cancellation cancellation, FireboltStatement statement, String clusterName)
    {
        this.parser = parser;
        this.sink = sink;
        this.cancellation = cancellation;
        this.statement = statement;
        this.clusterName = clusterName;
    }

    void read()
            throws IOException
    {
        boolean anyMessage = false;
        boolean finished = false;
        JsonToken token;
        while (!finished && (token = parser.nextToken()) != null) {
            if (token != JsonToken.START_OBJECT) {
                throw protocol("expected a JSON object, found " + token);
            }
            anyMessage = true;
            finished = readMessage();
        }
        if (anyMessage && !finished) {
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Firebolt cluster " + clusterName + " stopped sending the result before its end (FINISH message missing)");
        }
        if (columns == null || columns.isEmpty()) {
            sink.updateCount(0);
        }
    }

    /** Reads one JSONLines message, or a whole JSON_Compact document; whether the result is complete. */
    private boolean readMessage()
            throws IOException
    {
        String messageType = null;
        boolean document = false;
        List<FireboltError> errors = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "message_type" -> messageType = parser.getValueAsString();
                case "result_columns" -> readColumns(value);
                case "meta" -> {
                    document = true;
                    readColumns(value);
                }
                case "data" -> readRows(value);
                case "errors" -> errors = FireboltError.readAll(parser);
                default -> parser.skipChildren();
            }
        }
        if (!errors.isEmpty() || "FINISH_WITH_ERRORS".equals(messageType)) {
            throw FireboltErrors.toException(errors, 200, statement, clusterName);
        }
        // A JSON_Compact document (meta, no message type) is complete in itself.
        return messageType == null ? document : messageType.equals("FINISH_SUCCESSFULLY");
    }

    private void readColumns(JsonToken value)
            throws IOException
    {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        List<Column> found = new ArrayList<>();
        List<ValueReader> foundReaders = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = parser.getValueAsString();
                    case "type" -> type = parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
            FireboltTypes.MappedType mapped = FireboltTypes.map(type == null ? "text" : type);
            found.add(new Column(name == null ? "_col" + found.size() : name, mapped.type()));
            foundReaders.add(mapped.reader());
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw protocol("a column is not a JSON object");
        }
        if (columns != null) {
            // Only the first column list counts; the sink has seen it already.
            return;
        }
        columns = List.copyOf(found);
        readers = foundReaders.toArray(ValueReader[]::new);
        if (!columns.isEmpty()) {
            sink.columns(columns);
        }
    }

    private void readRows(JsonToken value)
            throws IOException
    {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw protocol("data is not an array");
        }
        if (readers == null) {
            throw protocol("data came before the result columns");
        }
        Object[] values = new Object[readers.length];
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_ARRAY) {
                throw protocol("a row is not an array");
            }
            for (int i = 0; i < readers.length; i++) {
                values[i] = readValue(i);
            }
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw protocol("a row has more values than the " + readers.length + " columns");
            }
            sink.row(values);
            rows++;
            if ((rows & CANCEL_CHECK_MASK) == 0 && cancellation.isCancelled()) {
                throw FireboltHttpCall.canceled();
            }
        }
    }

    private Object readValue(int column)
            throws IOException
    {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            throw protocol("a row has fewer values than the " + readers.length + " columns");
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        try {
            return readers[column].read(parser);
        }
        catch (InputCoercionException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw protocol("cannot read the value of column " + columns.get(column).name() + " as " + columns.get(column).type() + ": " + FireboltHttpCall.describe(e));
        }
    }

    private QueryFluxException protocol(String problem)
    {
        return new QueryFluxException(ErrorCode.BACKEND_ERROR, "Firebolt cluster " + clusterName + " sent an unexpected result: " + problem);
    }
}

package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading Firebolt's answers: JSONLines_Compact messages, a JSON_Compact document, statements without
 * a result, errors inside a 2xx answer, and answers that stop or go wrong.
 */
class FireboltResultReaderTest
{
    @Test
    void readsJsonLinesMessages()
            throws IOException
    {
        TestingResultSink sink = read("""
                {"message_type":"START","result_columns":[{"name":"n","type":"int"},{"name":"s","type":"text null"}],"query_id":"q","query_label":"l","request_id":"r"}
                {"message_type":"DATA","data":[[1,"a"],[2,null]]}
                {"message_type":"DATA","data":[[3,"c"]]}
                {"message_type":"FINISH_SUCCESSFULLY","statistics":{"elapsed":0.1,"rows_read":3}}
                """);

        assertThat(sink.typeNames()).containsExactly("integer", "varchar");
        assertThat(sink.rows()).containsExactly(List.of(1, "a"), Arrays.asList(2, null), List.of(3, "c"));
        assertThat(sink.updateCount()).isNull();
    }

    @Test
    void messageTypeMayComeAfterTheData()
            throws IOException
    {
        TestingResultSink sink = read("""
                {"result_columns":[{"name":"n","type":"bigint"}],"message_type":"START"}
                {"data":[["5"]],"message_type":"DATA"}
                {"statistics":{},"message_type":"FINISH_SUCCESSFULLY"}
                """);

        assertThat(sink.rows()).containsExactly(List.of(5L));
    }

    @Test
    void emptyResultKeepsItsColumns()
            throws IOException
    {
        TestingResultSink sink = read("""
                {"message_type":"START","result_columns":[{"name":"n","type":"int"}]}
                {"message_type":"FINISH_SUCCESSFULLY"}
                """);

        assertThat(sink.columns()).hasSize(1);
        assertThat(sink.rows()).isEmpty();
        assertThat(sink.updateCount()).isNull();
    }

    @Test
    void noColumnsOrNoBodyIsAStatementWithoutResult()
            throws IOException
    {
        assertThat(read("{\"message_type\":\"START\",\"result_columns\":[]}\n{\"message_type\":\"FINISH_SUCCESSFULLY\"}").updateCount()).isZero();
        assertThat(read("").updateCount()).isZero();
    }

    @Test
    void readsAJsonCompactDocument()
            throws IOException
    {
        TestingResultSink sink = read("""
                {"query":{"query_id":"q"},"meta":[{"name":"?column?","type":"int"}],"data":[[42]],"rows":1,"statistics":{"elapsed":0.001}}
                """);

        assertThat(sink.onlyValue()).isEqualTo(42);
    }

    @Test
    void finishWithErrorsIsAnError()
    {
        String body = """
                {"message_type":"START","result_columns":[{"name":"n","type":"int"}]}
                {"message_type":"DATA","data":[[1]]}
                {"message_type":"FINISH_WITH_ERRORS","errors":[{"code":"1","name":"SyntaxError","severity":"ERROR","source":"User Error",
                  "description":"syntax error at or near \\"FORM\\"","location":{"failing_line":1,"start_offset":9,"end_offset":13}}]}
                """;

        assertThatThrownBy(() -> read(body, "SELECT * FORM t"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"FORM\"");
                    assertThat(e.location()).contains(new ErrorLocation(1, 10));
                });
    }

    @Test
    void finishWithErrorsWithoutErrorsIsStillAnError()
    {
        assertThatThrownBy(() -> read("{\"message_type\":\"START\",\"result_columns\":[]}\n{\"message_type\":\"FINISH_WITH_ERRORS\"}"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.getMessage()).contains("without saying why"));
    }

    @Test
    void messagesWithoutTypeDoNotEndTheResult()
    {
        assertThatThrownBy(() -> read("{\"result_columns\":[{\"name\":\"n\",\"type\":\"int\"}]}\n{\"data\":[[1]]}"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.getMessage()).contains("FINISH"));
    }

    @Test
    void aStreamThatStopsBeforeItsFinishIsAnError()
    {
        assertThatThrownBy(() -> read("{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"n\",\"type\":\"int\"}]}\n{\"message_type\":\"DATA\",\"data\":[[1]]}\n"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("FINISH");
                });
    }

    @Test
    void malformedAnswersAreBackendErrors()
    {
        assertThatThrownBy(() -> read("{\"message_type\":\"DATA\",\"data\":[[1]]}"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.getMessage()).contains("data came before the result columns"));
        assertThatThrownBy(() -> read("{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"n\",\"type\":\"int\"}]}\n{\"message_type\":\"DATA\",\"data\":[[1, 2]]}"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.getMessage()).contains("more values"));
        assertThatThrownBy(() -> read("{\"meta\":[{\"name\":\"n\",\"type\":\"int\"}],\"data\":[[\"x\"]]}"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR);
                    assertThat(e.getMessage()).contains("column n");
                });
        assertThatThrownBy(() -> read("{\"meta\":[{\"name\":\"n\",\"type\":\"int\"}],\"data\":[[9999999999]]}"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR));
        assertThatThrownBy(() -> read("[1, 2]"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR));
    }

    private static TestingResultSink read(String body)
            throws IOException
    {
        return read(body, "SELECT 1");
    }

    private static TestingResultSink read(String body, String sql)
            throws IOException
    {
        TestingResultSink sink = new TestingResultSink();
        try (JsonParser parser = FireboltJson.FACTORY.createParser(body)) {
            new FireboltResultReader(parser, sink, new TestingCancellation(), FireboltStatement.of(sql), "c1").read();
        }
        return sink;
    }
}

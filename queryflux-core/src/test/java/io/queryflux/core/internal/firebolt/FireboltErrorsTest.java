package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Firebolt's errors as QueryFlux errors: codes by source, name and description; locations by the
 * documented reading of Firebolt's offsets, and none when unsure.
 */
class FireboltErrorsTest
{
    private static final FireboltStatement STATEMENT = FireboltStatement.of("SELECT a,\n  b FROM t");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "User Error|SyntaxError|syntax error at or near FROM|SYNTAX_ERROR",
            "User Error||Failed to parse the query|SYNTAX_ERROR",
            "User Error||Table orders does not exist|TABLE_NOT_FOUND",
            "User Error||Relation t not found|TABLE_NOT_FOUND",
            "User Error||Column x does not exist in table t|COLUMN_NOT_FOUND",
            "User Error||Function nosuch(int) does not exist|FUNCTION_NOT_FOUND",
            "User Error||Database x does not exist or not authorized|CATALOG_NOT_FOUND",
            "User Error||Table t already exists|TABLE_ALREADY_EXISTS",
            "User Error||Division by zero|DIVISION_BY_ZERO",
            "User Error||Cannot cast a to int|INVALID_CAST_ARGUMENT",
            "User Error||Value out of range for int|NUMERIC_VALUE_OUT_OF_RANGE",
            "User Error||Permission denied for table t|PERMISSION_DENIED",
            "User Error|CATALOG_ERROR|Table with name x does not exist!|TABLE_NOT_FOUND",
            "User Error||Something the user did|GENERIC_USER_ERROR",
            "System Error||Out of memory|BACKEND_ERROR",
            "System Error||Cannot start a write transaction: another write transaction is active|TRANSACTION_CONFLICT",
    })
    void classifiesBySourceNameAndDescription(String source, String name, String description, ErrorCode expected)
    {
        FireboltError error = new FireboltError(null, name, "ERROR", source, description, null, null);

        assertThat(FireboltErrors.classify(error, 400)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"400,GENERIC_USER_ERROR", "200,GENERIC_USER_ERROR", "500,BACKEND_ERROR", "503,BACKEND_UNAVAILABLE", "504,BACKEND_TIMEOUT", "404,BACKEND_ERROR"})
    void withoutSourceTheStatusDecides(int status, ErrorCode expected)
    {
        assertThat(FireboltErrors.classify(FireboltError.described("went wrong"), status)).isEqualTo(expected);
    }

    @Test
    void keepsTheDescriptionsAndSkipsWarnings()
    {
        List<FireboltError> errors = List.of(
                new FireboltError(null, null, "WARNING", "User Warning", "just so you know", null, null),
                new FireboltError(null, null, "ERROR", "User Error", "Table 't' does not exist", null, null));

        QueryFluxException exception = FireboltErrors.toException(errors, 400, STATEMENT, "c1");

        assertThat(exception.getMessage()).isEqualTo("Table 't' does not exist");
        assertThat(exception.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    }

    @Test
    void withoutErrorsSaysWhatItKnows()
    {
        QueryFluxException exception = FireboltErrors.toException(List.of(), 502, STATEMENT, "c1");

        assertThat(exception.getMessage()).contains("c1").contains("HTTP 502");
        assertThat(exception.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR);
    }

    @Test
    void locatesUserErrorsOnly()
    {
        FireboltError.Location location = new FireboltError.Location(2, 12, 13);
        FireboltError user = new FireboltError(null, null, "ERROR", "User Error", "Column 'b' does not exist", null, location);
        FireboltError system = new FireboltError(null, null, "ERROR", "System Error", "crash", null, location);

        assertThat(FireboltErrors.toException(List.of(user), 400, STATEMENT, "c1").location()).contains(new ErrorLocation(2, 3));
        assertThat(FireboltErrors.toException(List.of(system), 500, STATEMENT, "c1").location()).isEmpty();
    }

    @Test
    void offsetsAreZeroBasedIntoTheWholeText()
    {
        // "SELECT a,\n  b FROM t": b is at offset 12, on line 2, column 3.
        assertThat(locate(2, 12, 13, STATEMENT)).contains(new ErrorLocation(2, 3));
        assertThat(locate(1, 0, 6, STATEMENT)).contains(new ErrorLocation(1, 1));
        // The end of the text, where an incomplete statement fails.
        assertThat(locate(2, 20, -1, STATEMENT)).contains(new ErrorLocation(2, 11));
    }

    @Test
    void dropsLocationsItCannotTrust()
    {
        // An offset relative to the line ("b" at 2 on line 2) falls on line 1 as a whole-text offset.
        assertThat(locate(2, 2, 3, STATEMENT)).isEmpty();
        assertThat(locate(0, 1, 2, STATEMENT)).isEmpty();
        assertThat(locate(1, -1, 2, STATEMENT)).isEmpty();
        assertThat(locate(2, 21, 22, STATEMENT)).isEmpty();
        assertThat(locate(2, 12, 11, STATEMENT)).isEmpty();
        assertThat(locate(1, 10, 11, FireboltStatement.of("SELECT 'é', x"))).isEmpty();
        assertThat(locate(1, 0, 5, FireboltStatement.of("START TRANSACTION READ WRITE"))).isEmpty();
        assertThat(FireboltErrorLocator.locate(null, STATEMENT)).isEmpty();
    }

    @Test
    void nonAsciiTextAfterTheOffsetDoesNotMatter()
    {
        assertThat(locate(1, 7, 8, FireboltStatement.of("SELECT x, 'é'"))).contains(new ErrorLocation(1, 8));
    }

    private static Optional<ErrorLocation> locate(int line, int start, int end, FireboltStatement statement)
    {
        return FireboltErrorLocator.locate(new FireboltError.Location(line, start, end), statement);
    }
}

package io.queryflux.core.internal.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundRequestTest
{
    @Test
    void acceptsOrdinaryValues()
    {
        OutboundRequest request = OutboundRequest.builder("GET", "/v1/statement?a=b%0D%0A")
                .header("X-Trino-User", "alice\tand bob")
                .build();

        assertThat(request.headers()).containsExactly(Map.entry("X-Trino-User", "alice\tand bob"));
        assertThat(request.body()).isEmpty();
    }

    // A CR, LF or NUL would let a value end its line and write headers (or a request) of its own.
    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n", "\0"})
    void refusesLineBreaksAndNulInHeaderNames(String bad)
    {
        assertThatThrownBy(() -> OutboundRequest.builder("GET", "/").header("X-Injected" + bad + "Host", "value").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // "Host: evil" as a name would pass the filter of framing headers and still write a Host line.
    @ParameterizedTest
    @ValueSource(strings = {"Host: evil", "X Trino", "", "X-Trino-Ünicode", "X(y)"})
    void refusesHeaderNamesThatAreNotTokens(String bad)
    {
        assertThatThrownBy(() -> OutboundRequest.builder("GET", "/").header(bad, "value").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n", "\0"})
    void refusesLineBreaksAndNulInHeaderValues(String bad)
    {
        assertThatThrownBy(() -> OutboundRequest.builder("GET", "/").header("X-Trino-User", "alice" + bad + "X-Trino-Role: admin").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n", "\0"})
    void refusesLineBreaksAndNulInTheTarget(String bad)
    {
        assertThatThrownBy(() -> OutboundRequest.builder("GET", "/v1/query" + bad + "GET /admin HTTP/1.1").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\0"})
    void refusesLineBreaksAndNulInTheMethod(String bad)
    {
        assertThatThrownBy(() -> OutboundRequest.builder("GET" + bad, "/").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATargetThatIsNotAPath()
    {
        assertThatThrownBy(() -> OutboundRequest.builder("GET", "http://elsewhere/").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}

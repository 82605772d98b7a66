package io.queryflux.core.internal.trino;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest
{
    @Test
    void writesItsLengthFromChunksFullButTheLast()
            throws IOException
    {
        Page page = new Page(List.of(ascii("[1],"), ascii("[2],"), ascii("[3]...")), 11, 3);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        page.writeTo(out);
        page.writeTo(out);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("[1],[2],[3][1],[2],[3]");
    }

    @Test
    void refusesChunksThatDoNotHoldItsLength()
    {
        assertThatThrownBy(() -> new Page(List.of(new byte[4], new byte[4]), 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Page(List.of(new byte[4], new byte[4]), 9, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Page(List.of(new byte[4], new byte[4]), 4, 1).length()).isEqualTo(4);
        assertThat(Page.EMPTY.length()).isZero();
    }

    private static byte[] ascii(String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

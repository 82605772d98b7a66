package io.queryflux.core.internal.trino;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedOutputStreamTest
{
    @Test
    void holdsTheBytesOneContiguousBufferWouldInChunksFullButTheLast()
    {
        Random random = new Random(42);
        ChunkedOutputStream chunked = new ChunkedOutputStream(3, 16);
        ByteArrayOutputStream contiguous = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            // Single bytes, writes within a chunk, and writes spanning several chunks.
            if (random.nextInt(4) == 0) {
                int b = random.nextInt(256);
                chunked.write(b);
                contiguous.write(b);
            }
            else {
                byte[] bytes = new byte[random.nextInt(40)];
                random.nextBytes(bytes);
                int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                int length = bytes.length - offset == 0 ? 0 : random.nextInt(bytes.length - offset + 1);
                chunked.write(bytes, offset, length);
                contiguous.write(bytes, offset, length);
            }
        }

        assertThat(chunked.size()).isEqualTo(contiguous.size());
        List<byte[]> chunks = chunked.chunks();
        assertThat(chunks.get(0)).hasSize(3);
        assertThat(chunks.get(1)).hasSize(6);
        assertThat(chunks.get(2)).hasSize(12);
        assertThat(chunks.subList(3, chunks.size())).allSatisfy(chunk -> assertThat(chunk).hasSize(16));
        assertThat(bytes(new Page(chunks, chunked.size(), 0))).isEqualTo(contiguous.toByteArray());
    }

    private static byte[] bytes(Page page)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            page.writeTo(out);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}

package io.queryflux.core.internal.trino;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One page of encoded rows: the bytes of the JSON array elements, comma-separated, without brackets.
 * Immutable once built, so a retried token re-serves the same bytes.
 *
 * <p>The bytes are kept in chunks of at most {@link #CHUNK_BYTES}, every one full but the last, so
 * that a page of a megabyte is never one array: G1 allocates an array of half a region or more as
 * humongous, which with a small heap (1 MB regions) made every page a humongous allocation.
 */
final class Page
{
    static final int CHUNK_BYTES = 64 * 1024;
    static final Page EMPTY = new Page(List.of(), 0, 0);

    private final List<byte[]> chunks;
    private final int length;
    private final int rows;

    /**
     * @param chunks the bytes, every chunk full but the last
     * @param length how many bytes the chunks hold: all of every chunk but the last, and part or all of the last
     */
    Page(List<byte[]> chunks, int length, int rows)
    {
        this.chunks = List.copyOf(chunks);
        this.length = length;
        this.rows = rows;
        long full = 0;
        for (int i = 0; i < this.chunks.size() - 1; i++) {
            full += this.chunks.get(i).length;
        }
        long capacity = this.chunks.isEmpty() ? 0 : full + this.chunks.get(this.chunks.size() - 1).length;
        if (length < full || length > capacity) {
            throw new IllegalArgumentException("Page of " + length + " bytes in chunks of " + capacity + " bytes, " + full + " of them before the last chunk");
        }
    }

    /** A page of the first {@code length} bytes of {@code bytes}. */
    Page(byte[] bytes, int length, int rows)
    {
        this(List.of(bytes), length, rows);
    }

    int length()
    {
        return length;
    }

    int rows()
    {
        return rows;
    }

    int chunkCount()
    {
        return chunks.size();
    }

    void writeTo(OutputStream out)
            throws IOException
    {
        int remaining = length;
        for (byte[] chunk : chunks) {
            int count = Math.min(chunk.length, remaining);
            out.write(chunk, 0, count);
            remaining -= count;
        }
    }
}

package io.queryflux.core.internal.passthrough;

import java.io.InputStream;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Serves a byte array in chunks whose sizes a supplier chooses, like a network stream would.
 */
final class ChunkedInputStream
        extends InputStream
{
    private final byte[] data;
    private final IntSupplier chunkSizes;
    private int position;

    ChunkedInputStream(byte[] data, IntSupplier chunkSizes)
    {
        this.data = data;
        this.chunkSizes = chunkSizes;
    }

    static ChunkedInputStream oneByteAtATime(byte[] data)
    {
        return new ChunkedInputStream(data, () -> 1);
    }

    static ChunkedInputStream randomChunks(byte[] data, long seed, int maxChunk)
    {
        Random random = new Random(seed);
        return new ChunkedInputStream(data, () -> 1 + random.nextInt(maxChunk));
    }

    /**
     * Two reads: the bytes before {@code split}, then the rest.
     */
    static ChunkedInputStream splitAt(byte[] data, int split)
    {
        int[] call = {0};
        return new ChunkedInputStream(data, () -> call[0]++ == 0 ? Math.max(split, 1) : Integer.MAX_VALUE);
    }

    @Override
    public int read()
    {
        return position < data.length ? data[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
    {
        if (length == 0) {
            return 0;
        }
        if (position >= data.length) {
            return -1;
        }
        int count = Math.min(Math.min(length, data.length - position), chunkSizes.getAsInt());
        System.arraycopy(data, position, buffer, offset, count);
        position += count;
        return count;
    }
}

package io.queryflux.core.internal.trino;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects bytes in chunks, each filled before the next is added, so that what is written is never
 * copied to grow and never held in one large array. Chunks double in size from the first, as a
 * {@link java.io.ByteArrayOutputStream} would grow, up to {@code maxChunkBytes}.
 */
final class ChunkedOutputStream
        extends OutputStream
{
    private final int maxChunkBytes;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int position;
    private int size;

    ChunkedOutputStream(int firstChunkBytes, int maxChunkBytes)
    {
        if (firstChunkBytes <= 0 || firstChunkBytes > maxChunkBytes) {
            throw new IllegalArgumentException("First chunk of " + firstChunkBytes + " bytes, chunks of at most " + maxChunkBytes);
        }
        this.maxChunkBytes = maxChunkBytes;
        this.current = new byte[firstChunkBytes];
        chunks.add(current);
    }

    @Override
    public void write(int b)
    {
        if (position == current.length) {
            addChunk();
        }
        current[position++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        while (length > 0) {
            if (position == current.length) {
                addChunk();
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(bytes, offset, current, position, count);
            position += count;
            offset += count;
            length -= count;
            size += count;
        }
    }

    int size()
    {
        return size;
    }

    /** The chunks so far, every one full but the last, which holds the rest of {@link #size()} bytes. */
    List<byte[]> chunks()
    {
        return List.copyOf(chunks);
    }

    private void addChunk()
    {
        current = new byte[Math.min(maxChunkBytes, current.length * 2)];
        chunks.add(current);
        position = 0;
    }
}

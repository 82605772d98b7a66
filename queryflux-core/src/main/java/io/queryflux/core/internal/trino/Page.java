package io.queryflux.core.internal.trino;

/**
 * One page of encoded rows: the bytes of the JSON array elements, comma-separated, without brackets.
 */
record Page(byte[] bytes, int length, int rows)
{
    static final Page EMPTY = new Page(new byte[0], 0, 0);
}

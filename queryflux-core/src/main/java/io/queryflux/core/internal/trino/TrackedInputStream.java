package io.queryflux.core.internal.trino;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Remembers whether reading from Trino failed, to tell a dead backend from a departed client. */
final class TrackedInputStream
        extends FilterInputStream
{
    private volatile boolean failed;

    TrackedInputStream(InputStream in)
    {
        super(in);
    }

    @Override
    public int read()
            throws IOException
    {
        try {
            return super.read();
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        try {
            return super.read(buffer, offset, length);
        }
        catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    boolean failed()
    {
        return failed;
    }
}

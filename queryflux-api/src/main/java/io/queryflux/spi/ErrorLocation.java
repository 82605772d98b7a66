package io.queryflux.spi;

/**
 * Where in the SQL text an error was found; both numbers start at 1.
 */
public record ErrorLocation(int lineNumber, int columnNumber)
{
    public ErrorLocation
    {
        if (lineNumber < 1 || columnNumber < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + lineNumber + ":" + columnNumber);
        }
    }
}

package io.queryflux.jetty.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file that receives a Trino server's stdout and stderr (its log, as the launcher's
 * {@code run} command leaves logging on the console), read while the server starts.
 */
final class TrinoServerLog
{
    private final Path file;
    private long scanned;
    private String carry = "";

    TrinoServerLog(Path file)
    {
        this.file = file;
    }

    Path file()
    {
        return file;
    }

    /**
     * Whether {@code text} was written since the last call; reads only what is new, keeping enough
     * of the end of the previous read to find text that a read split in two.
     */
    boolean appeared(String text)
    {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= scanned) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(length - scanned, 1 << 20)];
            in.seek(scanned);
            in.readFully(bytes);
            scanned += bytes.length;
            // Latin-1 maps every byte to one char, so a split multi-byte character cannot hide ASCII text.
            String chunk = carry + new String(bytes, StandardCharsets.ISO_8859_1);
            if (chunk.contains(text)) {
                return true;
            }
            carry = chunk.substring(Math.max(0, chunk.length() - text.length() + 1));
            return false;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Trino log " + file, e);
        }
    }

    /** The last {@code count} lines, for failure messages. */
    String tail(int count)
    {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
        catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    boolean contains(String text)
    {
        try {
            return Files.exists(file) && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        }
        catch (IOException e) {
            return false;
        }
    }
}

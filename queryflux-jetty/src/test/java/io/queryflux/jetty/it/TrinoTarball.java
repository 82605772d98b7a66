package io.queryflux.jetty.it;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads files out of the Trino server tarball (a gzipped ustar archive, with pax headers for long
 * names). A jar that several plugins share is stored once, in lib/ or the first plugin that has it,
 * and as hard links in the others; when the build does not unpack that first plugin, a hard link's
 * content is only here.
 */
final class TrinoTarball
{
    private static final int BLOCK = 512;
    private static final char REGULAR_FILE = '0';
    private static final char OLD_REGULAR_FILE = '\0';
    private static final char HARD_LINK = '1';
    private static final char PAX_HEADER = 'x';

    private TrinoTarball() {}

    /**
     * Restores hard links of the tarball that were unpacked as empty files: {@code links} maps each
     * one's path in the installation (e.g. {@code plugin/spooling-filesystem/x.jar}) to the file,
     * and each gets the content of the file its link points to. Returns the paths of those that are
     * not hard links to a file in the tarball. Reads the tarball twice: a link comes after its
     * target.
     */
    static Set<String> restoreLinks(Path tarball, Map<String, Path> links)
            throws IOException
    {
        // Pass 1: where each link points.
        Map<String, List<Path>> targets = new HashMap<>();
        Set<String> missing = new HashSet<>(links.keySet());
        read(tarball, (entry, content) -> {
            if (entry.type() == HARD_LINK && links.containsKey(entry.path())) {
                targets.computeIfAbsent(entry.linkPath(), target -> new ArrayList<>()).add(links.get(entry.path()));
                missing.remove(entry.path());
            }
            return missing.isEmpty();
        });
        // Pass 2: the targets' content.
        Map<String, List<Path>> unread = new HashMap<>(targets);
        read(tarball, (entry, content) -> {
            if ((entry.type() == REGULAR_FILE || entry.type() == OLD_REGULAR_FILE) && unread.containsKey(entry.path())) {
                write(content, entry.size(), unread.remove(entry.path()));
            }
            return unread.isEmpty();
        });
        unread.values().forEach(files -> files.forEach(file -> missing.add(file.toString())));
        return missing;
    }

    /**
     * Calls {@code visitor} with each entry (its path without the top directory, e.g.
     * {@code plugin/x/y.jar}) and content until it returns true or the archive ends.
     */
    private static void read(Path tarball, EntryVisitor visitor)
            throws IOException
    {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            Map<String, String> pax = Map.of();
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && !isZero(header)) {
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                BoundedInputStream content = new BoundedInputStream(in, size);
                if (type == PAX_HEADER) {
                    // Names longer than the header's fields: the next entry's path and link path.
                    pax = paxRecords(content.readAllBytes());
                }
                else {
                    String path = pax.getOrDefault("path", ustarPath(header));
                    String linkPath = pax.getOrDefault("linkpath", field(header, 157, 100));
                    pax = Map.of();
                    if (visitor.visit(new Entry(withoutTopDirectory(path), withoutTopDirectory(linkPath), type, size), content)) {
                        return;
                    }
                }
                in.skipNBytes(content.remaining + (BLOCK - size % BLOCK) % BLOCK);
            }
        }
    }

    private record Entry(String path, String linkPath, char type, long size) {}

    private interface EntryVisitor
    {
        /** Returns whether the reading is done. */
        boolean visit(Entry entry, InputStream content)
                throws IOException;
    }

    // Records "<length> <key>=<value>\n", the length counting the whole record in bytes.
    private static Map<String, String> paxRecords(byte[] records)
    {
        Map<String, String> values = new HashMap<>();
        int position = 0;
        while (position < records.length) {
            int space = position;
            while (records[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(records, position, space - position, StandardCharsets.US_ASCII));
            String record = new String(records, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            values.put(record.substring(0, equals), record.substring(equals + 1));
            position += length;
        }
        return values;
    }

    // Copied under a unique name and renamed over the empty file, so that concurrent test JVMs
    // repairing the same directory never see a half-written jar.
    private static void write(InputStream in, long size, List<Path> targets)
            throws IOException
    {
        Path first = targets.get(0);
        Path temporary = first.resolveSibling(first.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            long copied = in.transferTo(out);
            if (copied != size) {
                throw new EOFException("The Trino tarball ends inside " + first.getFileName());
            }
        }
        for (Path target : targets.subList(1, targets.size())) {
            Path copy = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.copy(temporary, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.move(copy, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temporary, first, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // trino-server-476/plugin/x/y.jar -> plugin/x/y.jar
    private static String withoutTopDirectory(String path)
    {
        return path.substring(path.indexOf('/') + 1);
    }

    // ustar: name (100 bytes at 0) below prefix (155 bytes at 345).
    private static String ustarPath(byte[] header)
    {
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length)
    {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block)
    {
        for (byte value : block) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }

    /** The next {@code remaining} bytes of a stream, leaving the stream open. */
    private static final class BoundedInputStream
            extends InputStream
    {
        private final InputStream in;
        private long remaining;

        private BoundedInputStream(InputStream in, long remaining)
        {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read()
                throws IOException
        {
            if (remaining == 0) {
                return -1;
            }
            int value = in.read();
            if (value >= 0) {
                remaining--;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (remaining == 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }
}

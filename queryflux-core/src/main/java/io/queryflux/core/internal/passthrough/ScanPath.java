package io.queryflux.core.internal.passthrough;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few places of a Trino response the scanner looks into: the root object, {@code stats},
 * {@code error}, and for the spooling protocol {@code data} (an object), {@code data.segments} and each segment.
 * Every other value is skipped without being looked at.
 */
final class ScanPath
{
    // Containers the scanner follows; SKIP means "do not follow"
    static final int SKIP = -1;
    static final int ROOT = 0;
    static final int DATA = 1;
    static final int SEGMENTS = 2;
    static final int SEGMENT = 3;
    static final int STATS = 4;
    static final int ERROR = 5;

    // Keys that matter somewhere on the path
    static final int OTHER_KEY = 0;
    static final int NEXT_URI_KEY = 1;
    static final int ID_KEY = 2;
    static final int DATA_KEY = 3;
    static final int STATS_KEY = 4;
    static final int SEGMENTS_KEY = 5;
    static final int URI_KEY = 6;
    static final int ACK_URI_KEY = 7;
    static final int STATE_KEY = 8;
    static final int ERROR_KEY = 9;
    static final int ERROR_NAME_KEY = 10;
    static final int ERROR_TYPE_KEY = 11;

    // What to do with a string value
    static final int PLAIN = 0;
    static final int KEY = 1;
    static final int QUERY_ID = 2;
    static final int STATE = 3;
    static final int NEXT_URI = 4;
    static final int SPOOLED_URI = 5;
    static final int ERROR_NAME = 6;
    static final int ERROR_TYPE = 7;

    private static final byte[][] KEYS = {
            null,
            ascii("nextUri"),
            ascii("id"),
            ascii("data"),
            ascii("stats"),
            ascii("segments"),
            ascii("uri"),
            ascii("ackUri"),
            ascii("state"),
            ascii("error"),
            ascii("errorName"),
            ascii("errorType"),
    };

    private ScanPath() {}

    /**
     * Classifies a key from its raw bytes, which must contain no escape sequence.
     */
    static int key(byte[] bytes, int from, int to)
    {
        for (int key = 1; key < KEYS.length; key++) {
            if (Arrays.equals(bytes, from, to, KEYS[key], 0, KEYS[key].length)) {
                return key;
            }
        }
        return OTHER_KEY;
    }

    static int key(String name)
    {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return key(bytes, 0, bytes.length);
    }

    static boolean isArray(int container)
    {
        return container == SEGMENTS;
    }

    static int objectValue(int container, int key)
    {
        if (container == ROOT && key == DATA_KEY) {
            return DATA;
        }
        if (container == ROOT && key == STATS_KEY) {
            return STATS;
        }
        if (container == ROOT && key == ERROR_KEY) {
            return ERROR;
        }
        if (container == SEGMENTS) {
            return SEGMENT;
        }
        return SKIP;
    }

    static int arrayValue(int container, int key)
    {
        return container == DATA && key == SEGMENTS_KEY ? SEGMENTS : SKIP;
    }

    static int stringValue(int container, int key)
    {
        if (container == ROOT && key == NEXT_URI_KEY) {
            return NEXT_URI;
        }
        if (container == ROOT && key == ID_KEY) {
            return QUERY_ID;
        }
        if (container == STATS && key == STATE_KEY) {
            return STATE;
        }
        if (container == ERROR && key == ERROR_NAME_KEY) {
            return ERROR_NAME;
        }
        if (container == ERROR && key == ERROR_TYPE_KEY) {
            return ERROR_TYPE;
        }
        if (container == SEGMENT && (key == URI_KEY || key == ACK_URI_KEY)) {
            return SPOOLED_URI;
        }
        return PLAIN;
    }

    private static byte[] ascii(String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

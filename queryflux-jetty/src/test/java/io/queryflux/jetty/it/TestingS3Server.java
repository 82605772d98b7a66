package io.queryflux.jetty.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the S3 API, in memory, for Trino's file system spooling manager: Trino 476 can
 * spool result segments only to S3, GCS or Azure storage, not to a local directory. Path-style
 * requests, no authentication check; objects are put whole (in AWS's {@code aws-chunked}
 * encoding or plain), read whole or by range, and deleted.
 */
public final class TestingS3Server
        implements AutoCloseable
{
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final Pattern DELETE_KEY = Pattern.compile("<Key>([^<]*)</Key>");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "testing-s3");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong gets = new AtomicLong();

    private TestingS3Server(HttpServer server)
    {
        this.server = server;
    }

    static TestingS3Server start()
    {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(TrinoServerFiles.LOOPBACK), 0), 0);
            TestingS3Server s3 = new TestingS3Server(server);
            server.createContext("/", s3::handle);
            server.setExecutor(s3.executor);
            server.start();
            return s3;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint()
    {
        return URI.create("http://" + TrinoServerFiles.LOOPBACK + ":" + server.getAddress().getPort());
    }

    /** Objects stored so far (Trino deletes a segment once its client acknowledged it). */
    public long putCount()
    {
        return puts.get();
    }

    public long getCount()
    {
        return gets.get();
    }

    public int objectCount()
    {
        return objects.size();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestMethod();
            // Path style: /bucket/key
            int slash = path.indexOf('/', 1);
            String key = slash < 0 ? "" : path.substring(slash + 1);
            if (method.equals("POST") && query != null && query.startsWith("delete")) {
                deleteObjects(exchange, path.substring(1, slash < 0 ? path.length() : slash));
                return;
            }
            if (key.isEmpty() || query != null && (query.contains("uploads") || query.contains("uploadId") || query.contains("list-type"))) {
                error(exchange, 501, "NotImplemented", "Not supported by the testing S3 server: " + method + " " + exchange.getRequestURI());
                return;
            }
            String objectKey = path.substring(1);
            switch (method) {
                case "PUT" -> put(exchange, objectKey);
                case "GET", "HEAD" -> get(exchange, objectKey, method.equals("HEAD"));
                case "DELETE" -> {
                    objects.remove(objectKey);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> error(exchange, 405, "MethodNotAllowed", method);
            }
        }
        catch (RuntimeException e) {
            error(exchange, 500, "InternalError", e.toString());
        }
    }

    private void put(HttpExchange exchange, String key)
            throws IOException
    {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentSha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if ((contentSha != null && contentSha.startsWith("STREAMING-")) || (encoding != null && encoding.contains("aws-chunked"))) {
            body = decodeAwsChunked(body);
        }
        if ("*".equals(exchange.getRequestHeaders().getFirst("If-None-Match")) && objects.containsKey(key)) {
            error(exchange, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            return;
        }
        objects.put(key, body);
        puts.incrementAndGet();
        exchange.getResponseHeaders().set("ETag", etag(body));
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, String key, boolean head)
            throws IOException
    {
        byte[] object = objects.get(key);
        if (object == null) {
            if (head) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        int start = 0;
        int end = object.length - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (!matcher.matches()) {
                error(exchange, 416, "InvalidRange", range);
                return;
            }
            start = Integer.parseInt(matcher.group(1));
            if (!matcher.group(2).isEmpty()) {
                end = Math.min(end, Integer.parseInt(matcher.group(2)));
            }
            if (start >= object.length) {
                error(exchange, 416, "InvalidRange", range);
                return;
            }
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + object.length);
        }
        int length = end - start + 1;
        exchange.getResponseHeaders().set("ETag", etag(object));
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(object.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        gets.incrementAndGet();
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(object, start, length);
        }
    }

    private void deleteObjects(HttpExchange exchange, String bucket)
            throws IOException
    {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder result = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        Matcher matcher = DELETE_KEY.matcher(request);
        while (matcher.find()) {
            objects.remove(bucket + "/" + matcher.group(1));
            result.append("<Deleted><Key>").append(matcher.group(1)).append("</Key></Deleted>");
        }
        result.append("</DeleteResult>");
        sendXml(exchange, 200, result.toString());
    }

    private static void error(HttpExchange exchange, int status, String code, String message)
            throws IOException
    {
        sendXml(exchange, status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>");
    }

    private static void sendXml(HttpExchange exchange, int status, String xml)
            throws IOException
    {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The payload of AWS's {@code aws-chunked} encoding: {@code hex-size[;chunk-signature=…]\r\n data \r\n}, up to a 0-size chunk and trailers. */
    static byte[] decodeAwsChunked(byte[] encoded)
            throws IOException
    {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(encoded.length);
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrLf(encoded, position);
            String header = new String(encoded, position, lineEnd - position, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            position = lineEnd + 2;
            if (size == 0) {
                return payload.toByteArray();
            }
            if (position + size > encoded.length) {
                throw new EOFException("aws-chunked body ends inside a chunk");
            }
            payload.write(encoded, position, size);
            position += size + 2;
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from)
            throws EOFException
    {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new EOFException("aws-chunked body without a line end after offset " + from);
    }

    private static String etag(byte[] object)
    {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(object)).toLowerCase(Locale.ROOT) + "\"";
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

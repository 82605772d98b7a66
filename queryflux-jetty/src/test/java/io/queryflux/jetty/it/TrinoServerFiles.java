package io.queryflux.jetty.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The directory of one Trino server run, which is also the server's data and working directory:
 * {@code etc/} (configuration, from the {@code trino/} test resources plus what depends on the
 * run), {@code server.log} and what Trino writes ({@code var/}); and the command line that starts
 * the server on it.
 */
final class TrinoServerFiles
{
    static final String LOOPBACK = "127.0.0.1";

    private static final String RESOURCES = "/trino/";
    private static final List<String> CATALOGS = List.of("tpch", "memory");

    private final Path directory;
    private final Map<String, String> nodeProperties;

    private TrinoServerFiles(Path directory, Map<String, String> nodeProperties)
    {
        this.directory = directory;
        this.nodeProperties = nodeProperties;
    }

    /**
     * Writes the configuration of a server on {@code port} into {@code directory}, which must be
     * empty; the server spools result segments to the S3 API at {@code spoolingStorage}.
     */
    static TrinoServerFiles write(Path directory, TrinoInstallation installation, int port, URI spoolingStorage)
    {
        try {
            Path etc = Files.createDirectories(directory.resolve("etc"));
            Files.createDirectories(etc.resolve("catalog"));
            for (String catalog : CATALOGS) {
                copyResource("catalog/" + catalog + ".properties", etc.resolve("catalog").resolve(catalog + ".properties"));
            }
            copyResource("jvm.config", etc.resolve("jvm.config"));
            copyResource("log.properties", etc.resolve("log.properties"));

            // Trino's launcher passes node.properties as system properties; so does command().
            Map<String, String> nodeProperties = new LinkedHashMap<>();
            nodeProperties.put("node.environment", "queryflux_it");
            nodeProperties.put("node.id", UUID.randomUUID().toString());
            // The data directory is the run directory, which holds etc/ like Trino's launcher
            // arranges it (it links etc/ into the data directory and runs the server there).
            nodeProperties.put("node.data-dir", directory.toString());
            // Listen on loopback only, and announce that address, not the host's name.
            nodeProperties.put("node.bind-ip", LOOPBACK);
            nodeProperties.put("node.internal-address", LOOPBACK);
            writeProperties(etc.resolve("node.properties"), "", nodeProperties);

            Map<String, String> config = new LinkedHashMap<>();
            config.put("http-server.http.port", String.valueOf(port));
            config.put("discovery.uri", "http://" + LOOPBACK + ":" + port);
            // The default is plugin/ in the working directory, where the launcher would link the
            // installation's plugin/; name it instead.
            config.put("plugin.dir", installation.plugins().toString());
            config.put("catalog.config-dir", etc.resolve("catalog").toString());
            // The spooling protocol signs segment identifiers with this 256-bit key.
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            config.put("protocol.spooling.shared-secret-key", Base64.getEncoder().encodeToString(key));
            writeProperties(etc.resolve("config.properties"), readResource("config.properties"), config);
            // Trino reads etc/spooling-manager.properties relative to its working directory, this one.
            writeProperties(etc.resolve("spooling-manager.properties"), readResource("spooling-manager.properties"), Map.of("s3.endpoint", spoolingStorage.toString()));
            return new TrinoServerFiles(directory, nodeProperties);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Trino configuration into " + directory, e);
        }
    }

    Path directory()
    {
        return directory;
    }

    Path etc()
    {
        return directory.resolve("etc");
    }

    Path log()
    {
        return directory.resolve("server.log");
    }

    /** The java command line that Trino's launcher would run for this directory ({@code launcher run}). */
    List<String> command(Path javaHome, TrinoInstallation installation)
    {
        List<String> command = new ArrayList<>();
        command.add(TrinoJavaHome.javaExecutable(javaHome).toString());
        command.add("-cp");
        command.add(installation.lib().resolve("*").toString());
        command.addAll(jvmOptions());
        nodeProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-Dconfig=" + etc().resolve("config.properties"));
        command.add("-Dlog.levels-file=" + etc().resolve("log.properties"));
        command.add("io.trino.server.TrinoServer");
        return command;
    }

    // jvm.config has one option per line, not shell-parsed, and # comments.
    private List<String> jvmOptions()
    {
        try {
            return Files.readAllLines(etc().resolve("jvm.config"), StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeProperties(Path file, String prefix, Map<String, String> properties)
            throws IOException
    {
        StringBuilder text = new StringBuilder(prefix);
        if (!prefix.isEmpty() && !prefix.endsWith("\n")) {
            text.append('\n');
        }
        // Written as they are: Trino reads these files with java.util.Properties, and no value here
        // (paths of the build directory, numbers) has characters that need escaping on Linux.
        properties.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void copyResource(String name, Path target)
            throws IOException
    {
        Files.writeString(target, readResource(name), StandardCharsets.UTF_8);
    }

    private static String readResource(String name)
            throws IOException
    {
        try (InputStream in = TrinoServerFiles.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

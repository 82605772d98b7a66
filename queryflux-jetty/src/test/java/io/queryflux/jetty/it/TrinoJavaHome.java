package io.queryflux.jetty.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run the Trino server: Trino 476 needs Java 24 or newer, while the build
 * and the tests run on Java 17.
 */
final class TrinoJavaHome
{
    static final String PROPERTY = "trino.java.home";
    static final String ENVIRONMENT_VARIABLE = "TRINO_JAVA_HOME";
    static final int MINIMUM_FEATURE_VERSION = 24;

    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    private TrinoJavaHome() {}

    /**
     * The system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT_VARIABLE},
     * else the JDK running the tests if it is new enough, else the newest JDK under /usr/lib/jvm
     * (Temurin first, as Trino is tested on it).
     */
    static Path find()
    {
        Optional<Path> configured = configured(System.getProperty(PROPERTY), "system property " + PROPERTY)
                .or(() -> configured(System.getenv(ENVIRONMENT_VARIABLE), "environment variable " + ENVIRONMENT_VARIABLE));
        if (configured.isPresent()) {
            return configured.get();
        }
        Path current = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= MINIMUM_FEATURE_VERSION) {
            return current;
        }
        return installed().orElseThrow(() -> new IllegalStateException(
                "No JDK " + MINIMUM_FEATURE_VERSION + "+ for Trino under " + JVM_DIRECTORY + "; set " + ENVIRONMENT_VARIABLE + " or -D" + PROPERTY));
    }

    static Path javaExecutable(Path javaHome)
    {
        return javaHome.resolve("bin").resolve("java");
    }

    private static Optional<Path> configured(String value, String source)
    {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path home = Path.of(value.strip());
        if (!Files.isExecutable(javaExecutable(home))) {
            throw new IllegalStateException("The " + source + " is " + home + ", which has no bin/java");
        }
        // Fail here, not with the JVM's "Unrecognized option" or a class version error in the server log.
        version(home)
                .filter(version -> version.feature() < MINIMUM_FEATURE_VERSION)
                .ifPresent(version -> {
                    throw new IllegalStateException("The " + source + " is " + home + ", a Java " + version + "; Trino needs Java " + MINIMUM_FEATURE_VERSION + " or newer");
                });
        return Optional.of(home);
    }

    private static Optional<Path> installed()
    {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            List<Candidate> candidates = homes
                    .filter(home -> !Files.isSymbolicLink(home))
                    .filter(home -> Files.isExecutable(javaExecutable(home)))
                    .flatMap(home -> version(home).map(version -> new Candidate(home, version)).stream())
                    .filter(candidate -> candidate.version().feature() >= MINIMUM_FEATURE_VERSION)
                    .toList();
            return candidates.stream()
                    .max(Comparator.comparing(Candidate::temurin).thenComparing(Candidate::version))
                    .map(Candidate::home);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The "release" file of a JDK names its version, so no JVM needs to start to find out.
    private static Optional<Runtime.Version> version(Path home)
    {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        }
        catch (IOException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").strip();
        try {
            return Optional.of(Runtime.Version.parse(version));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Candidate(Path home, Runtime.Version version)
    {
        boolean temurin()
        {
            return home.getFileName().toString().contains("temurin");
        }
    }
}

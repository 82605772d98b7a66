package io.queryflux.jetty.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Trino server that Maven unpacked for the integration tests (the {@code it} profile of
 * queryflux-jetty/pom.xml passes its directory in system property {@value #HOME_PROPERTY}).
 */
final class TrinoInstallation
{
    static final String HOME_PROPERTY = "trino.server.home";
    static final String TARBALL_PROPERTY = "trino.server.tarball";

    private final Path home;

    private TrinoInstallation(Path home)
    {
        this.home = home;
    }

    static TrinoInstallation locate()
    {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("System property " + HOME_PROPERTY + " is not set; run the integration tests with Maven and -Pit");
        }
        TrinoInstallation installation = new TrinoInstallation(Path.of(home));
        if (!Files.isDirectory(installation.lib())) {
            throw new IllegalStateException("No Trino server at " + home + "; the it profile unpacks it in process-test-resources");
        }
        installation.restoreHardLinks();
        return installation;
    }

    Path home()
    {
        return home;
    }

    Path lib()
    {
        return home.resolve("lib");
    }

    Path plugins()
    {
        return home.resolve("plugin");
    }

    /**
     * The tarball stores a jar that several plugins share once, and the other copies as hard links
     * to it. maven-dependency-plugin (plexus-archiver) does not support tar hard links and unpacks
     * them as empty files, which would break class loading. Most point into lib/: copy them from
     * there. The others (the spooling-filesystem plugin's S3, GCS and Azure libraries live in
     * plugins the build does not unpack) are read out of the tarball, whose path the pom passes in
     * system property {@value #TARBALL_PROPERTY}. Copies, not links: a later unpack over these files
     * would empty the shared file otherwise. Runs each time: it is cheap once the jars are restored,
     * and a re-unpack brings the empty files back.
     */
    private void restoreHardLinks()
    {
        Map<String, Path> notInLib = new HashMap<>();
        try (Stream<Path> pluginDirectories = Files.list(plugins())) {
            for (Path plugin : pluginDirectories.toList()) {
                try (Stream<Path> jars = Files.list(plugin)) {
                    for (Path jar : jars.filter(TrinoInstallation::isEmptyJar).toList()) {
                        if (!restoreFromLib(jar)) {
                            notInLib.put(home.relativize(jar).toString(), jar);
                        }
                    }
                }
            }
            if (!notInLib.isEmpty()) {
                Set<String> missing = TrinoTarball.restoreLinks(tarball(), notInLib);
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("Empty jars that are neither in lib/ nor hard links in " + tarball() + ": " + missing);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot repair the Trino plugins under " + plugins(), e);
        }
    }

    private boolean restoreFromLib(Path jar)
            throws IOException
    {
        Path original = lib().resolve(jar.getFileName());
        if (!Files.isRegularFile(original) || Files.size(original) == 0) {
            return false;
        }
        // Copy under a unique name and rename over the empty file, so that concurrent test JVMs
        // (surefire forks) repairing the same directory never see a half-written jar.
        Path temporary = jar.resolveSibling(jar.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.copy(original, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static Path tarball()
    {
        String tarball = System.getProperty(TARBALL_PROPERTY);
        if (tarball == null || tarball.isBlank() || !Files.isRegularFile(Path.of(tarball))) {
            throw new IllegalStateException("System property " + TARBALL_PROPERTY + " does not name the Trino server tarball: " + tarball + "; run the integration tests with Maven and -Pit");
        }
        return Path.of(tarball);
    }

    private static boolean isEmptyJar(Path path)
    {
        try {
            return path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path) && Files.size(path) == 0;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.queryflux.examples;

import io.queryflux.core.internal.auth.Pbkdf2Password;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the hash of a password for {@code auth.users.<name>.passwordHash} of the {@code static}
 * auth provider, with the same code the provider verifies with:
 *
 * <pre>{@code
 * java -cp queryflux-server.jar io.queryflux.examples.PasswordHash [--iterations N]
 * printf '%s\n' "$PASSWORD" | java -cp queryflux-server.jar io.queryflux.examples.PasswordHash
 * }</pre>
 *
 * The password is read from the terminal without echo (asked twice), or from the first line of
 * standard input when that is not a terminal; never from the command line, where it would be kept in
 * the shell history and shown in the process list.
 */
public final class PasswordHash
{
    private static final String USAGE = "Usage: java -cp queryflux-server.jar io.queryflux.examples.PasswordHash [--iterations N]   (the password is read from the terminal or standard input)";

    private PasswordHash() {}

    public static void main(String[] args)
    {
        int exitCode = run(List.of(args), System.console(), System.in, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the command; returns the exit code: 0, 1 when no password could be read, 2 for wrong arguments. */
    static int run(List<String> arguments, Console console, InputStream in, PrintStream out, PrintStream err)
    {
        int iterations = Pbkdf2Password.DEFAULT_ITERATIONS;
        if (arguments.size() == 2 && arguments.get(0).equals("--iterations")) {
            try {
                iterations = Integer.parseInt(arguments.get(1));
            }
            catch (NumberFormatException e) {
                iterations = -1;
            }
        }
        else if (!arguments.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        if (iterations < Pbkdf2Password.MIN_ITERATIONS) {
            err.println("--iterations must be a number of at least " + Pbkdf2Password.MIN_ITERATIONS);
            return 2;
        }
        char[] password = console != null ? fromConsole(console) : fromInput(in);
        if (password == null || password.length == 0) {
            err.println("No password read (or the two entries differ); nothing printed");
            return 1;
        }
        try {
            out.println(Pbkdf2Password.hash(password, iterations));
            return 0;
        }
        finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] fromConsole(Console console)
    {
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            return null;
        }
        return first;
    }

    private static char[] fromInput(InputStream in)
    {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }
        catch (IOException e) {
            return null;
        }
    }
}

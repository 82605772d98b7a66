package io.queryflux.examples;

import io.queryflux.core.internal.auth.Pbkdf2Password;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void hashesThePasswordFromStandardInput()
    {
        int exitCode = run(List.of("--iterations", "20000"), "s3cret pass\n");

        assertThat(exitCode).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("pbkdf2-sha256$20000$").doesNotContain("s3cret");
        assertThat(Pbkdf2Password.parse(hash).matches("s3cret pass")).isTrue();
    }

    @Test
    void refusesAPasswordOnTheCommandLineAndAnEmptyOne()
    {
        assertThat(run(List.of("hunter2"), "")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage:").doesNotContain("hunter2");
        assertThat(run(List.of("--iterations", "5"), "x\n")).isEqualTo(2);
        assertThat(run(List.of(), "")).isEqualTo(1);
        assertThat(out.size()).isZero();
    }

    private int run(List<String> arguments, String input)
    {
        return PasswordHash.run(arguments, null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}

package io.queryflux.core.internal.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pbkdf2PasswordTest
{
    @Test
    void verifiesTheHashedPasswordOnly()
    {
        String stored = Pbkdf2Password.hash("correct horse".toCharArray(), Pbkdf2Password.MIN_ITERATIONS);

        Pbkdf2Password hash = Pbkdf2Password.parse(stored);
        assertThat(hash.matches("correct horse")).isTrue();
        assertThat(hash.matches("correct horse ")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.iterations()).isEqualTo(Pbkdf2Password.MIN_ITERATIONS);
    }

    @Test
    void storesIterationsSaltAndHashButNotThePassword()
    {
        String stored = Pbkdf2Password.hash("s3cret-Pa55".toCharArray(), 20_000);

        assertThat(stored).matches("pbkdf2-sha256\\$20000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(stored).doesNotContain("s3cret");
        // A fresh salt each time: equal passwords do not give equal hashes.
        assertThat(Pbkdf2Password.hash("s3cret-Pa55".toCharArray(), 20_000)).isNotEqualTo(stored);
    }

    @Test
    void refusesPlainTextWithoutQuotingIt()
    {
        assertThatThrownBy(() -> Pbkdf2Password.parse("hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain-text passwords are not accepted")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256$1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"))
                .hasMessageContaining("between 10000 and");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256$20000$not*base64$aGFzaGhhc2hoYXNoaGFzaA"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256$x$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"))
                .hasMessageContaining("iteration count");
    }

    @Test
    void refusesTooFewIterationsWhenHashing()
    {
        assertThatThrownBy(() -> Pbkdf2Password.hash("x".toCharArray(), 999))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

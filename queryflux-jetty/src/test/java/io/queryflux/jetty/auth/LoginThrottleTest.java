package io.queryflux.jetty.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.internal.auth.Pbkdf2Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.auth.TestingSecureServer.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty wrong passwords for one user, from one client, must not slow down the queries of another
 * user: one after the other (the guesser is locked out after a few slow hashes and refused without
 * hashing after that), and from five threads at once (at most one guess per user and address is
 * hashed at a time). Compares the other user's median query time during each attack with a baseline
 * taken in the same test, with a generous bound.
 */
class LoginThrottleTest
{
    // Realistically slow hashes (tens to hundreds of milliseconds), so an unthrottled attack would show.
    private static final int ITERATIONS = 100_000;
    private static final int QUERIES = 30;
    private static final int GUESSES = 50;

    @TempDir
    Path directory;

    @Test
    void wrongPasswordsDoNotSlowDownOtherUsers()
            throws Exception
    {
        AuthConfig auth = AuthConfig.builder("static")
                .property("users", Map.of(
                        "alice", Map.of("passwordHash", Pbkdf2Password.hash("alice-real-password".toCharArray(), ITERATIONS)),
                        "bob", Map.of("passwordHash", Pbkdf2Password.hash("bob-real-password".toCharArray(), ITERATIONS)),
                        "carol", Map.of("passwordHash", Pbkdf2Password.hash("carol-real-password".toCharArray(), ITERATIONS)),
                        "dave", Map.of("passwordHash", Pbkdf2Password.hash("dave-real-password".toCharArray(), ITERATIONS)),
                        "erin", Map.of("passwordHash", Pbkdf2Password.hash("erin-real-password".toCharArray(), ITERATIONS))))
                .build();
        try (TestingSecureServer server = TestingSecureServer.builder(auth).tls(TestingKeystore.create(directory)).start()) {
            String bob = basic("bob", "bob-real-password");
            for (int i = 0; i < 5; i++) {
                runQuery(server, bob);
            }
            long baseline = median(timeQueries(server, bob));

            Attack sequential = attack(server, "alice", 1, bob, "carol");
            // alice is locked out from this address now: the second attack targets someone else.
            Attack parallel = attack(server, "dave", 5, bob, "erin");

            System.out.printf("LoginThrottleTest: bob's median query %d ms before; %s; %s%n", baseline, sequential.describe("sequential"), parallel.describe("5 threads"));
            for (Attack attack : List.of(sequential, parallel)) {
                assertThat(attack.refusals()).hasSize(GUESSES).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(401));
                assertThat(attack.hashed()).isBetween(1L, 20L);
                assertThat(attack.medianQueryMillis()).as("bob's median query time under attack, baseline %d ms", baseline).isLessThanOrEqualTo(baseline * 3 + 100);
                assertThat(attack.firstLoginMillis()).as("an uncached login during the attack").isLessThan(5_000);
            }
            // One after the other, the guesser ran into the lockout.
            assertThat(sequential.refusals()).anyMatch(response -> response.body().contains("Too many failed logins for user alice from this address"));
        }
    }

    /**
     * Sends {@value #GUESSES} wrong passwords for {@code victim} from {@code threads} threads while bob
     * runs queries and {@code newcomer} logs in for the first time.
     */
    private static Attack attack(TestingSecureServer server, String victim, int threads, String bob, String newcomer)
            throws Exception
    {
        ExecutorService attackers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<HttpResponse<String>>>> guesses = new ArrayList<>();
            long start = System.nanoTime();
            for (int thread = 0; thread < threads; thread++) {
                int id = thread;
                guesses.add(attackers.submit(() -> guess(server, victim, id, GUESSES / threads)));
            }
            long medianQuery = median(timeQueries(server, bob));
            long firstLogin = time(() -> runQuery(server, basic(newcomer, newcomer + "-real-password")));
            List<HttpResponse<String>> refusals = new ArrayList<>();
            for (Future<List<HttpResponse<String>>> each : guesses) {
                refusals.addAll(each.get(2, TimeUnit.MINUTES));
            }
            return new Attack(refusals, medianQuery, firstLogin, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        finally {
            attackers.shutdownNow();
        }
    }

    private static List<HttpResponse<String>> guess(TestingSecureServer server, String victim, int thread, int count)
            throws Exception
    {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(server.post("rows 1", "Authorization", basic(victim, "guess-" + thread + "-" + i)));
        }
        return responses;
    }

    private static List<Long> timeQueries(TestingSecureServer server, String authorization)
            throws Exception
    {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            millis.add(time(() -> runQuery(server, authorization)));
        }
        return millis;
    }

    /** POSTs {@code rows 1} and follows its nextUri to the end. */
    private static void runQuery(TestingSecureServer server, String authorization)
            throws Exception
    {
        HttpResponse<String> response = server.post("rows 1", "Authorization", authorization);
        while (true) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String next = (String) TestingSecureServer.json(response).get("nextUri");
            if (next == null) {
                return;
            }
            response = server.request("GET", next, "Authorization", authorization);
        }
    }

    private static long time(Call call)
            throws Exception
    {
        long start = System.nanoTime();
        call.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long median(List<Long> values)
    {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** What an attack cost: its refusals and the other users' times meanwhile. */
    private record Attack(List<HttpResponse<String>> refusals, long medianQueryMillis, long firstLoginMillis, long totalMillis)
    {
        // Only these cost a hash; the others were refused at once (locked out, or another guess in flight).
        long hashed()
        {
            return refusals.stream().filter(response -> response.body().contains("Invalid user name or password")).count();
        }

        String describe(String name)
        {
            return "%s: %d ms during %d wrong passwords (%d hashed, %d ms in all), a first login %d ms"
                    .formatted(name, medianQueryMillis, refusals.size(), hashed(), totalMillis, firstLoginMillis);
        }
    }

    @FunctionalInterface
    private interface Call
    {
        void run()
                throws Exception;
    }
}

package io.queryflux.core.internal.passthrough;

import io.queryflux.core.internal.passthrough.RewriteTesting.Rewritten;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.queryflux.core.internal.passthrough.RewriteTesting.SPOOLED_TO_PROXY;
import static io.queryflux.core.internal.passthrough.RewriteTesting.TO_PROXY;
import static io.queryflux.core.internal.passthrough.RewriteTesting.rewrite;
import static io.queryflux.core.internal.passthrough.RewriteTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * However the network splits a body, the output must be the same.
 */
class ChunkBoundaryTest
{
    private static final String NEXT = "http://coordinator:8080/v1/statement/executing/q1/s1/2";

    // Escapes, look-alikes and URIs placed so that some split falls inside each of them
    private static final List<String> BODIES = List.of(
            "{\"id\":\"q1\",\"nextUri\":\"" + NEXT + "\"}",
            "{\"a\":\"\\\\\",\"b\":\"\\\"nextUri\\\":\\\"" + NEXT + "\\\"\",\"next\\u0055ri\":\"http:\\/\\/coordinator:8080\\/v1\\/x\"}",
            "{\"data\":[[\"\\\\\\\"\",{\"nextUri\":\"" + NEXT + "\"},\"\\u0022}]\"]],\"nextUri\":\"" + NEXT + "\",\"stats\":{\"state\":\"RUNNING\"}}",
            " \n{ \"nextUri\" :\n \"" + NEXT + "\" , \"id\" : \"q\\u0031\" }\n",
            "{\"data\":{\"encoding\":\"json\",\"segments\":[{\"type\":\"spooled\",\"uri\":\"http://coordinator:8080/v1/spooled/download/1\","
                    + "\"ackUri\":\"http://coordinator:8080/v1/spooled/ack/1\",\"headers\":{\"uri\":[\"x\"]}},{\"type\":\"inline\",\"data\":\"AA==\"}]}}",
            "Internal Server Error {\"nextUri\":\"" + NEXT + "\"}",
            "{\"nextUri\":\"bad \\x escape\",\"id\":\"q1\"}");

    @Test
    void everyTwoWaySplitGivesTheSameOutput()
    {
        for (String text : BODIES) {
            byte[] body = utf8(text);
            Rewritten whole = rewrite(body, TO_PROXY, SPOOLED_TO_PROXY);
            for (int split = 1; split < body.length; split++) {
                Rewritten split2 = rewrite(ChunkedInputStream.splitAt(body, split), TO_PROXY, SPOOLED_TO_PROXY);

                assertThat(split2.body()).as("%s split at %s", text, split).isEqualTo(whole.body());
                assertThat(split2.result()).as("%s split at %s", text, split).isEqualTo(whole.result());
            }
        }
    }

    @Test
    void oneByteAtATimeAndRandomChunksGiveTheSameOutput()
    {
        for (String text : BODIES) {
            byte[] body = utf8(text);
            Rewritten whole = rewrite(body, TO_PROXY, SPOOLED_TO_PROXY);

            assertThat(rewrite(ChunkedInputStream.oneByteAtATime(body), TO_PROXY, SPOOLED_TO_PROXY)).as(text)
                    .usingRecursiveComparison().isEqualTo(whole);
            for (long seed = 0; seed < 20; seed++) {
                assertThat(rewrite(ChunkedInputStream.randomChunks(body, seed, 7), TO_PROXY, SPOOLED_TO_PROXY)).as(text)
                        .usingRecursiveComparison().isEqualTo(whole);
            }
        }
    }

    @Test
    void theReferenceOutputsAreRewritten()
    {
        // Guards the tests above against comparing two equally wrong outputs
        assertThat(rewrite(BODIES.get(0)).text()).isEqualTo("{\"id\":\"q1\",\"nextUri\":\"http://proxy:9000/c1/v1/statement/executing/q1/s1/2\"}");
        assertThat(rewrite(BODIES.get(1)).text()).endsWith("\"next\\u0055ri\":\"http://proxy:9000/c1/v1/x\"}");
        assertThat(rewrite(BODIES.get(2)).text()).isEqualTo(BODIES.get(2).replace(
                "\"nextUri\":\"" + NEXT + "\",\"stats\"", "\"nextUri\":\"http://proxy:9000/c1/v1/statement/executing/q1/s1/2\",\"stats\""));
        assertThat(rewrite(BODIES.get(3)).result()).isEqualTo(new RewriteResult(NEXT, "q1", null, null, null, 0, true));
        assertThat(rewrite(BODIES.get(4)).result().spooledUrisRewritten()).isEqualTo(2);
        assertThat(rewrite(BODIES.get(5)).text()).isEqualTo(BODIES.get(5));
        assertThat(rewrite(BODIES.get(6)).text()).isEqualTo(BODIES.get(6));
    }

    @Test
    void aLargePageSplitAtRandomGivesTheSameOutput()
    {
        byte[] body = SyntheticTrinoPage.bytes(SyntheticTrinoPage.NEXT_URI, 300_000, true);
        Rewritten whole = rewrite(body, TO_PROXY, SPOOLED_TO_PROXY);
        assertThat(whole.result().nextUri()).isEqualTo(SyntheticTrinoPage.NEXT_URI);

        for (long seed = 0; seed < 5; seed++) {
            Rewritten chunked = rewrite(ChunkedInputStream.randomChunks(body, seed, 5000), TO_PROXY, SPOOLED_TO_PROXY);

            assertThat(chunked.body()).isEqualTo(whole.body());
            assertThat(chunked.result()).isEqualTo(whole.result());
        }
        assertThat(rewrite(ChunkedInputStream.oneByteAtATime(body), TO_PROXY, SPOOLED_TO_PROXY).body()).isEqualTo(whole.body());
    }
}

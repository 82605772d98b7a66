package io.queryflux.core.internal.passthrough;

import io.queryflux.core.internal.passthrough.RewriteTesting.Rewritten;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.queryflux.core.internal.passthrough.RewriteTesting.rewrite;
import static io.queryflux.core.internal.passthrough.RewriteTesting.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the rewriter against jackson on thousands of random documents: the output must parse to
 * the input's tree with exactly the followed URIs mapped, whatever the chunking.
 */
class RandomDocumentsTest
{
    private static final UriMapper NEXT = uri -> "http://proxy/\"" + uri + "\"\\\u00e9";
    private static final UriMapper SPOOLED = uri -> "spooled:" + uri;
    private static final int DOCUMENTS = 3000;

    @Test
    void outputIsTheInputTreeWithTheFollowedUrisMapped()
    {
        int nextUris = 0;
        int spooled = 0;
        for (int seed = 0; seed < DOCUMENTS; seed++) {
            byte[] body = utf8(new RandomJson(seed).document());

            Rewritten rewritten = rewrite(body, NEXT, SPOOLED);

            Object expected = JsonTree.parse(body);
            int mapped = mapFollowedUris(expected);
            String context = "seed " + seed + ": " + new String(body, UTF_8);
            assertThat(JsonTree.parse(rewritten.body())).as(context).isEqualTo(expected);
            assertThat(rewritten.result().complete()).as(context).isTrue();
            assertThat(rewritten.result().spooledUrisRewritten()).as(context).isEqualTo(mapped);
            nextUris += rewritten.result().nextUri() == null ? 0 : 1;
            spooled += mapped;
        }
        // The generator must actually exercise both kinds of rewrite
        assertThat(nextUris).isGreaterThan(DOCUMENTS / 4);
        assertThat(spooled).isGreaterThan(DOCUMENTS / 4);
    }

    @Test
    void identityMappersCopyEveryByte()
    {
        for (int seed = 0; seed < DOCUMENTS; seed++) {
            byte[] body = utf8(new RandomJson(seed).document());

            assertThat(rewrite(body, UriMapper.identity(), UriMapper.identity()).body()).as("seed %s", seed).isEqualTo(body);
        }
    }

    @Test
    void chunkingDoesNotChangeTheOutput()
    {
        for (int seed = 0; seed < DOCUMENTS; seed += 3) {
            byte[] body = utf8(new RandomJson(seed).document());
            Rewritten whole = rewrite(body, NEXT, SPOOLED);

            Rewritten bytewise = rewrite(ChunkedInputStream.oneByteAtATime(body), NEXT, SPOOLED);
            Rewritten random = rewrite(ChunkedInputStream.randomChunks(body, seed, 16), NEXT, SPOOLED);

            assertThat(bytewise.body()).as("seed %s", seed).isEqualTo(whole.body());
            assertThat(bytewise.result()).isEqualTo(whole.result());
            assertThat(random.body()).as("seed %s", seed).isEqualTo(whole.body());
            assertThat(random.result()).isEqualTo(whole.result());
        }
    }

    /**
     * Applies the mappers to a parsed document the way the rewriter should; returns how many spooled URIs changed.
     */
    @SuppressWarnings("unchecked")
    private static int mapFollowedUris(Object document)
    {
        Map<String, Object> root = (Map<String, Object>) document;
        if (root.get("nextUri") instanceof String uri) {
            root.put("nextUri", NEXT.map(uri));
        }
        int mapped = 0;
        if (root.get("data") instanceof Map<?, ?> data && data.get("segments") instanceof List<?> segments) {
            for (Object segment : segments) {
                if (segment instanceof Map<?, ?> map) {
                    Map<String, Object> fields = (Map<String, Object>) map;
                    for (String key : List.of("uri", "ackUri")) {
                        if (fields.get(key) instanceof String uri) {
                            fields.put(key, SPOOLED.map(uri));
                            mapped++;
                        }
                    }
                }
            }
        }
        return mapped;
    }
}

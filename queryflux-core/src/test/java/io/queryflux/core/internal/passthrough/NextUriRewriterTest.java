package io.queryflux.core.internal.passthrough;

import io.queryflux.core.internal.passthrough.RewriteTesting.Rewritten;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.queryflux.core.internal.passthrough.RewriteTesting.TO_PROXY;
import static io.queryflux.core.internal.passthrough.RewriteTesting.rewrite;
import static io.queryflux.core.internal.passthrough.RewriteTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NextUriRewriterTest
{
    private static final String TRINO_NEXT = "http://coordinator:8080/v1/statement/executing/q1/s1/2";
    private static final String PROXY_NEXT = "http://proxy:9000/c1/v1/statement/executing/q1/s1/2";

    @Test
    void rewritesTheTopLevelNextUri()
    {
        String body = q("{'id':'q1','infoUri':'http://coordinator:8080/ui/query.html?q1','nextUri':'" + TRINO_NEXT + "',"
                + "'stats':{'state':'QUEUED','queued':true},'warnings':[]}");

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
        assertThat(rewritten.result()).isEqualTo(new RewriteResult(TRINO_NEXT, "q1", "QUEUED", null, null, 0, true));
    }

    @Test
    void copiesABodyWithoutNextUriUnchanged()
    {
        String body = q("{'id':'q1','infoUri':'http://coordinator:8080/ui/query.html?q1','columns':[{'name':'x','type':'bigint'}],"
                + "'data':[[1],[2]],'stats':{'state':'FINISHED'}}");

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body);
        assertThat(rewritten.result()).isEqualTo(new RewriteResult(null, "q1", "FINISHED", null, null, 0, true));
    }

    @Test
    void capturesTheTopLevelErrorNameAndType()
    {
        String body = q("{'id':'q1','data':[[{'error':{'errorName':'FAKE','errorType':'FAKE'}}]],"
                + "'stats':{'state':'FAILED'},'error':{'message':'line 1:8: Column \\'x\\' cannot be resolved','errorCode':47,"
                + "'errorName':'COLUMN_NOT_FOUND','errorType':'USER_ERROR','failureInfo':{'type':'x','errorName':'NESTED'}}}");

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body);
        assertThat(rewritten.result()).isEqualTo(new RewriteResult(null, "q1", "FAILED", "COLUMN_NOT_FOUND", "USER_ERROR", 0, true));
    }

    @Test
    void rewritesNextUriFirstMiddleOrLast()
    {
        for (String body : List.of(
                q("{'nextUri':'" + TRINO_NEXT + "','id':'q1','data':[[1]],'stats':{'state':'RUNNING'}}"),
                q("{'id':'q1','data':[[1]],'nextUri':'" + TRINO_NEXT + "','stats':{'state':'RUNNING'}}"),
                q("{'id':'q1','data':[[1]],'stats':{'state':'RUNNING'},'nextUri':'" + TRINO_NEXT + "'}"),
                q("{'nextUri':'" + TRINO_NEXT + "'}"))) {
            Rewritten rewritten = rewrite(body);

            assertThat(rewritten.text()).as(body).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
            assertThat(rewritten.result().nextUri()).isEqualTo(TRINO_NEXT);
            assertThat(rewritten.result().complete()).isTrue();
        }
    }

    @Test
    void leavesNextUriTextInsideDataStringsAlone()
    {
        String lookAlike = "http://coordinator:8080/v1/statement/executing/fake/9";
        String body = q("{'id':'q1','columns':[{'name':'nextUri','type':'varchar'}],'data':[['nextUri'],"
                + "['\\'nextUri\\':\\'" + lookAlike + "\\''],['{\\'nextUri\\':\\'" + lookAlike + "\\'}'],"
                + "['\\u0022nextUri\\u0022:\\u0022" + lookAlike + "\\u0022']],"
                + "'infoUri':'nextUri','nextUri':'" + TRINO_NEXT + "'}");

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
        assertThat(rewritten.text()).contains(lookAlike);
        assertThat(rewritten.result().nextUri()).isEqualTo(TRINO_NEXT);
    }

    @Test
    void leavesNestedNextUriKeysAlone()
    {
        String nested = "http://coordinator:8080/v1/nested";
        String body = q("{'id':'q1','columns':[{'name':'m','type':'map(varchar, varchar)','nextUri':'" + nested + "'}],"
                + "'data':[[{'nextUri':'" + nested + "'}],[[{'nextUri':'" + nested + "'}]]],"
                + "'stats':{'state':'RUNNING','nextUri':'" + nested + "','rootStage':{'nextUri':'" + nested + "'}},"
                + "'error':{'failureInfo':{'nextUri':'" + nested + "'}},'warnings':[{'nextUri':'" + nested + "'}]}");

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body);
        assertThat(rewritten.result()).isEqualTo(new RewriteResult(null, "q1", "RUNNING", null, null, 0, true));
    }

    @Test
    void followsEscapesAtStringBoundaries()
    {
        // Strings ending in an escaped backslash, holding escaped quotes, or an escaped key
        String body = "{\"a\":\"ends with \\\\\",\"b\":\"\\\"nextUri\\\":\\\"x\\\"\",\"c\":[\"\\\\\",\"\\\"\"],"
                + "\"d\\\"nextUri\":\"\\u0022\",\"nextUri\\\\\":\"not it\",\"nextUri\":\"" + TRINO_NEXT + "\",\"e\":\"\\\\\\\"\"}";

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
        assertThat(JsonTree.object(rewritten.body())).containsEntry("nextUri", PROXY_NEXT).containsEntry("nextUri\\", "not it");
    }

    @Test
    void treatsAnEscapedKeySpellingNextUriAsNextUri()
    {
        // Clients decode keys, so "next\u0055ri" is the nextUri they would follow
        String body = "{\"id\":\"q1\",\"next\\u0055ri\":\"" + TRINO_NEXT + "\"}";

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
        assertThat(rewritten.result().nextUri()).isEqualTo(TRINO_NEXT);
    }

    @Test
    void decodesAnEscapedOriginalBeforeMappingIt()
    {
        String body = "{\"nextUri\":\"http:\\/\\/coordinator:8080\\/v1\\/statement\\/executing\\/q1\\/s1\\/2\",\"id\":\"q\\u0031\"}";
        List<String> seen = new ArrayList<>();

        Rewritten rewritten = RewriteTesting.rewrite(utf8(body), uri -> {
            seen.add(uri);
            return TO_PROXY.map(uri);
        }, UriMapper.identity());

        assertThat(seen).containsExactly(TRINO_NEXT);
        assertThat(rewritten.text()).isEqualTo("{\"nextUri\":\"" + PROXY_NEXT + "\",\"id\":\"q\\u0031\"}");
        assertThat(rewritten.result().queryId()).isEqualTo("q1");
    }

    @Test
    void keepsTheOriginalBytesWhenTheMapperChangesNothing()
    {
        String body = "{\"nextUri\":\"http:\\/\\/coordinator:8080\\/v1\\/statement\\/x\"}";

        assertThat(RewriteTesting.rewrite(utf8(body), UriMapper.identity(), UriMapper.identity()).text()).isEqualTo(body);
        assertThat(RewriteTesting.rewrite(utf8(body), uri -> null, UriMapper.identity()).text()).isEqualTo(body);
        assertThat(RewriteTesting.rewrite(utf8(body), uri -> uri, UriMapper.identity()).result().nextUri())
                .isEqualTo("http://coordinator:8080/v1/statement/x");
    }

    @Test
    void escapesAReplacementThatNeedsIt()
    {
        String replacement = "http://proxy/v1/\"quoted\"/back\\slash/\u00e9\u2603\ud834\udd1e/tab\t/nul\u0000";
        String body = q("{'id':'q1','columns':[{'name':'s','type':'varchar'}],'data':[['\\u00e9',1.5,null]],"
                + "'nextUri':'" + TRINO_NEXT + "','stats':{'state':'RUNNING'}}");

        Rewritten rewritten = RewriteTesting.rewrite(utf8(body), uri -> replacement, UriMapper.identity());

        Map<String, Object> expected = JsonTree.object(utf8(body));
        expected.put("nextUri", replacement);
        assertThat(JsonTree.parse(rewritten.body())).isEqualTo(expected);
    }

    @Test
    void keepsWhitespaceOfPrettyPrintedBodies()
    {
        String body = """
                {
                  "id" : "q1",
                  "columns" : [ {
                    "name" : "x",
                    "type" : "bigint"
                  } ],
                  "data" : [ [ 1 ], [ 2 ] ],
                  "stats" : {
                    "state" : "RUNNING"
                  },
                  "nextUri"\t:\r\n  "%s"
                }
                """.formatted(TRINO_NEXT);

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
        assertThat(rewritten.result()).isEqualTo(new RewriteResult(TRINO_NEXT, "q1", "RUNNING", null, null, 0, true));
    }

    @Test
    void copiesBodiesThatAreNotJsonObjectsUnchanged()
    {
        for (String body : List.of(
                "",
                "   \n",
                "Error 500: {\"nextUri\":\"" + TRINO_NEXT + "\"}",
                "<html><body>Service Unavailable</body></html>",
                "[{\"nextUri\":\"" + TRINO_NEXT + "\"}]",
                "\"nextUri\"",
                "\u00ff\u00fe binary-ish {\"nextUri\":\"" + TRINO_NEXT + "\"}")) {
            Rewritten rewritten = rewrite(body);

            assertThat(rewritten.text()).as(body).isEqualTo(body);
            assertThat(rewritten.result()).isEqualTo(new RewriteResult(null, null, null, null, null, 0, false));
        }
    }

    @Test
    void copiesTheRestVerbatimOnceTheStructureBreaks()
    {
        for (String body : List.of(
                "{\"id\":\"q1\" \"nextUri\":\"" + TRINO_NEXT + "\"}",
                "{\"id\":\"q1\",\"stats\":{\"state\"=\"RUNNING\"},\"nextUri\":\"" + TRINO_NEXT + "\"}",
                "{\"id\":\"q1\",'nextUri':\"" + TRINO_NEXT + "\"}",
                "{\"id\":\"q1\",\"nextUri\":\"bad escape \\q\",\"x\":{\"nextUri\":\"" + TRINO_NEXT + "\"}}")) {
            Rewritten rewritten = rewrite(body);

            assertThat(rewritten.text()).as(body).isEqualTo(body);
            assertThat(rewritten.result().nextUri()).isNull();
            assertThat(rewritten.result().complete()).isFalse();
        }
    }

    @Test
    void copiesATruncatedBodyAsItIs()
    {
        String body = q("{'id':'q1','data':[[1]],'nextUri':'" + TRINO_NEXT + "'}");
        for (int length = 0; length < body.length(); length++) {
            String truncated = body.substring(0, length);

            Rewritten rewritten = rewrite(truncated);

            boolean nextUriComplete = length >= body.length() - 1;
            assertThat(rewritten.text()).as(truncated).isEqualTo(nextUriComplete ? truncated.replace(TRINO_NEXT, PROXY_NEXT) : truncated);
            assertThat(rewritten.result().complete()).isFalse();
        }
    }

    @Test
    void ignoresANextUriThatIsNotAString()
    {
        for (String value : List.of("null", "42", "[\"" + TRINO_NEXT + "\"]", "{\"nextUri\":\"" + TRINO_NEXT + "\"}")) {
            String body = "{\"id\":\"q1\",\"nextUri\":" + value + ",\"stats\":{\"state\":\"FINISHED\"}}";

            Rewritten rewritten = rewrite(body);

            assertThat(rewritten.text()).as(body).isEqualTo(body);
            assertThat(rewritten.result()).isEqualTo(new RewriteResult(null, "q1", "FINISHED", null, null, 0, true));
        }
    }

    @Test
    void rewritesEveryDuplicateTopLevelNextUri()
    {
        String body = q("{'nextUri':'" + TRINO_NEXT + "','nextUri':'" + TRINO_NEXT + "/again'}");

        assertThat(rewrite(body).text()).isEqualTo(body.replace(TRINO_NEXT, PROXY_NEXT));
    }

    @Test
    void copiesWhateverFollowsTheRootObject()
    {
        String body = q("{'nextUri':'" + TRINO_NEXT + "'}\n{'nextUri':'" + TRINO_NEXT + "'} trailing");

        Rewritten rewritten = rewrite(body);

        assertThat(rewritten.text()).isEqualTo(q("{'nextUri':'" + PROXY_NEXT + "'}\n{'nextUri':'" + TRINO_NEXT + "'} trailing"));
        assertThat(rewritten.result().complete()).isTrue();
    }

    @Test
    void refusesAUriLongerThanTheLimit()
    {
        String body = "{\"nextUri\":\"http://coordinator:8080/v1/" + "x".repeat(BodyScanner.MAX_URI_BYTES) + "\"}";

        assertThatThrownBy(() -> NextUriRewriter.rewrite(new ByteArrayInputStream(utf8(body)), new ByteArrayOutputStream(), TO_PROXY))
                .hasMessageContaining("URI value longer than " + BodyScanner.MAX_URI_BYTES);
    }

    @Test
    void propagatesAMapperFailure()
    {
        String body = q("{'nextUri':'http://coordinator:8080/elsewhere'}");
        UriMapper rebaser = new UriRebaser("http://proxy:9000");

        assertThatThrownBy(() -> NextUriRewriter.rewrite(new ByteArrayInputStream(utf8(body)), new ByteArrayOutputStream(), rebaser))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/v1/");
    }

    /**
     * Writes JSON with single quotes for readability.
     */
    private static String q(String json)
    {
        return json.replace('\'', '"');
    }
}

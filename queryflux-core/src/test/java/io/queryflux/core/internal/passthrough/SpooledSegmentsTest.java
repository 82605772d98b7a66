package io.queryflux.core.internal.passthrough;

import io.queryflux.core.internal.passthrough.RewriteTesting.Rewritten;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.queryflux.core.internal.passthrough.RewriteTesting.SPOOLED_TO_PROXY;
import static io.queryflux.core.internal.passthrough.RewriteTesting.TO_PROXY;
import static io.queryflux.core.internal.passthrough.RewriteTesting.rewrite;
import static io.queryflux.core.internal.passthrough.RewriteTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class SpooledSegmentsTest
{
    private static final String DOWNLOAD = "http://coordinator:8080/v1/spooled/download/abc?token=1";
    private static final String ACK = "http://coordinator:8080/v1/spooled/ack/abc";
    private static final String STORAGE = "https://bucket.s3.amazonaws.com/spool/seg-2?X-Amz-Signature=f00";

    private static final String SPOOLED_PAGE = q("{'id':'q1','nextUri':'http://coordinator:8080/v1/statement/executing/q1/s/3',"
            + "'columns':[{'name':'x','type':'bigint'}],"
            + "'data':{'encoding':'json+zstd','segments':["
            + "{'type':'inline','data':'W1sxXV0=','metadata':{'segmentSize':5,'uri':'" + DOWNLOAD + "'}},"
            + "{'type':'spooled','uri':'" + DOWNLOAD + "','ackUri':'" + ACK + "','headers':{'x-amz-sse':['AES256'],'uri':['" + ACK + "']},"
            + "'metadata':{'rowOffset':1,'rowsCount':100,'ackUri':'" + ACK + "'}},"
            + "{'type':'spooled','metadata':{'rowOffset':101},'ackUri':'" + ACK + "2','uri':'" + DOWNLOAD + "2'}]},"
            + "'stats':{'state':'RUNNING'}}");

    @Test
    void rewritesTheUrisOfSpooledSegmentsOnly()
    {
        Rewritten rewritten = rewrite(SPOOLED_PAGE);

        String proxyDownload = "http://proxy:9000/spool/v1/spooled/download/abc?token=1";
        String proxyAck = "http://proxy:9000/spool/v1/spooled/ack/abc";
        String expected = q("{'id':'q1','nextUri':'http://proxy:9000/c1/v1/statement/executing/q1/s/3',"
                + "'columns':[{'name':'x','type':'bigint'}],"
                + "'data':{'encoding':'json+zstd','segments':["
                + "{'type':'inline','data':'W1sxXV0=','metadata':{'segmentSize':5,'uri':'" + DOWNLOAD + "'}},"
                + "{'type':'spooled','uri':'" + proxyDownload + "','ackUri':'" + proxyAck + "','headers':{'x-amz-sse':['AES256'],'uri':['" + ACK + "']},"
                + "'metadata':{'rowOffset':1,'rowsCount':100,'ackUri':'" + ACK + "'}},"
                + "{'type':'spooled','metadata':{'rowOffset':101},'ackUri':'" + proxyAck + "2','uri':'" + proxyDownload + "2'}]},"
                + "'stats':{'state':'RUNNING'}}");
        assertThat(rewritten.text()).isEqualTo(expected);
        assertThat(rewritten.result()).isEqualTo(new RewriteResult("http://coordinator:8080/v1/statement/executing/q1/s/3", "q1", "RUNNING", null, null, 4, true));
    }

    @Test
    void leavesUriKeysOutsideTheSegmentsAlone()
    {
        for (String body : List.of(
                q("{'uri':'" + DOWNLOAD + "','ackUri':'" + ACK + "'}"),
                q("{'data':{'uri':'" + DOWNLOAD + "','segments':[['" + DOWNLOAD + "'],'" + DOWNLOAD + "',{'segments':[{'uri':'" + DOWNLOAD + "'}]}]}}"),
                q("{'data':[{'segments':[{'uri':'" + DOWNLOAD + "'}]}]}"),
                q("{'segments':[{'uri':'" + DOWNLOAD + "'}],'stats':{'segments':[{'uri':'" + DOWNLOAD + "'}]}}"),
                q("{'error':{'data':{'segments':[{'uri':'" + DOWNLOAD + "'}]}}}"),
                q("{'data':{'segments':{'uri':'" + DOWNLOAD + "'}}}"),
                q("{'data':{'segments':[{'headers':{'uri':'" + DOWNLOAD + "'},'inner':[{'ackUri':'" + ACK + "'}]}]}}"))) {
            Rewritten rewritten = rewrite(body);

            assertThat(rewritten.text()).as(body).isEqualTo(body);
            assertThat(rewritten.result().spooledUrisRewritten()).isZero();
            assertThat(rewritten.result().complete()).isTrue();
        }
    }

    @Test
    void leavesObjectStorageUrisToTheMapper()
    {
        String body = q("{'data':{'encoding':'json+zstd','segments':["
                + "{'type':'spooled','uri':'" + STORAGE + "','ackUri':'" + ACK + "','headers':{}}]}}");
        UriMapper coordinatorOnly = new UriRebaser("http://proxy:9000/spool").onlyFrom("http://coordinator:8080");

        Rewritten rewritten = RewriteTesting.rewrite(utf8(body), TO_PROXY, coordinatorOnly);

        assertThat(rewritten.text()).isEqualTo(body.replace(ACK, "http://proxy:9000/spool/v1/spooled/ack/abc"));
        assertThat(rewritten.result().spooledUrisRewritten()).isEqualTo(1);
    }

    @Test
    void keepsSegmentsWhenOnlyTheNextUriMapperIsGiven()
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RewriteResult result = NextUriRewriter.rewrite(new ByteArrayInputStream(utf8(SPOOLED_PAGE)), out, TO_PROXY);

        Map<String, Object> expected = JsonTree.object(utf8(SPOOLED_PAGE));
        expected.put("nextUri", "http://proxy:9000/c1/v1/statement/executing/q1/s/3");
        assertThat(JsonTree.parse(out.toByteArray())).isEqualTo(expected);
        assertThat(result.spooledUrisRewritten()).isZero();
    }

    @Test
    void escapesSpooledReplacements()
    {
        String replacement = "http://proxy/v1/spooled/\"\\\u00e9";

        Rewritten rewritten = RewriteTesting.rewrite(utf8(SPOOLED_PAGE), TO_PROXY, uri -> uri.startsWith(DOWNLOAD) ? replacement : uri);

        List<?> segments = (List<?>) ((Map<?, ?>) JsonTree.object(rewritten.body()).get("data")).get("segments");
        assertThat(((Map<?, ?>) segments.get(1)).get("uri")).isEqualTo(replacement);
        assertThat(((Map<?, ?>) segments.get(2)).get("uri")).isEqualTo(replacement);
        assertThat(((Map<?, ?>) segments.get(1)).get("ackUri")).isEqualTo(ACK);
        assertThat(rewritten.result().spooledUrisRewritten()).isEqualTo(2);
    }

    private static String q(String json)
    {
        return json.replace('\'', '"');
    }
}

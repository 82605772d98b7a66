package io.queryflux.core.internal.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.queryflux.core.internal.routing.RouterFixture.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class TagParserTest
{
    @Test
    void parsesPairsAndKeyOnlyTags()
    {
        ParsedTags parsed = TagParser.parse("team:eng, cost_center : 701 ,batch");

        assertThat(parsed.tags()).containsExactly(entry("team", "eng"), entry("cost_center", "701"), entry("batch", null));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void aPairValueRunsFromTheFirstColon()
    {
        ParsedTags parsed = TagParser.parse("url:http://host:8080/x,empty:,,");

        assertThat(parsed.tags()).containsExactly(entry("url", "http://host:8080/x"), entry("empty", ""));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void parsesAJsonObject()
    {
        ParsedTags parsed = TagParser.parse(" {\"team\":\"eng\",\"batch\":null} ");

        assertThat(parsed.tags()).containsExactly(entry("team", "eng"), entry("batch", null));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void jsonValuesKeepCommasColonsAndNonAsciiText()
    {
        ParsedTags parsed = TagParser.parse("{\"note\":\"a, b: c\",\"city\":\"Zürich 東京 🚀\",\"quote\":\"say \\\"hi\\\"\\n\"}");

        assertThat(parsed.tags()).containsExactly(
                entry("note", "a, b: c"),
                entry("city", "Zürich 東京 🚀"),
                entry("quote", "say \"hi\"\n"));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void dropsJsonValuesThatAreNotStringsWithAWarning()
    {
        ParsedTags parsed = TagParser.parse("{\"n\":1,\"o\":{\"a\":[1,2]},\"b\":true,\"ok\":\"y\"}");

        assertThat(parsed.tags()).containsExactly(entry("ok", "y"));
        assertThat(parsed.warnings()).containsExactly(
                "query tag 'n' dropped: its value must be a string or null",
                "query tag 'o' dropped: its value must be a string or null",
                "query tag 'b' dropped: its value must be a string or null");
    }

    @Test
    void dropsInvalidJsonWithAWarning()
    {
        assertThat(TagParser.parse("{\"team\":\"eng\"")).satisfies(parsed -> {
            assertThat(parsed.tags()).isEmpty();
            assertThat(parsed.warnings()).singleElement().asString().startsWith("query tags dropped: not a valid JSON object (");
        });
        assertThat(TagParser.parse("{\"team\":\"eng\"} x").warnings()).singleElement().asString().startsWith("query tags dropped: not a valid JSON object");
        assertThat(TagParser.parse("{\"team\":\"eng\"} {}").warnings()).containsExactly("query tags dropped: not a valid JSON object (text after the object)");
    }

    @Test
    void keepsTwentyTagsAndWarnsAboutTheRest()
    {
        String pairs = IntStream.range(0, 23).mapToObj(i -> "k" + i + ":v" + i).collect(Collectors.joining(","));

        ParsedTags parsed = TagParser.parse(pairs);

        assertThat(parsed.tags()).hasSize(TagParser.MAX_TAGS).containsKey("k19").doesNotContainKey("k20");
        assertThat(parsed.warnings()).containsExactly("query tags dropped: only the first 20 are kept (3 dropped: k20, k21, k22)");
    }

    @Test
    void theTagLimitAppliesToJsonToo()
    {
        String json = IntStream.range(0, 21).mapToObj(i -> "\"k" + i + "\":null").collect(Collectors.joining(",", "{", "}"));

        ParsedTags parsed = TagParser.parse(json);

        assertThat(parsed.tags()).hasSize(20).doesNotContainKey("k20");
        assertThat(parsed.warnings()).containsExactly("query tags dropped: only the first 20 are kept (1 dropped: k20)");
    }

    @Test
    void dropsKeysAndValuesOverTheLengthLimit()
    {
        String longestKey = "k".repeat(128);
        String tooLongKey = "k".repeat(129);
        String longestValue = "🚀".repeat(128); // 256 UTF-16 units, 128 characters
        String tooLongValue = "v".repeat(129);

        ParsedTags parsed = TagParser.parse(longestKey + ":a," + tooLongKey + ":b,long:" + longestValue + ",longer:" + tooLongValue);

        assertThat(parsed.tags()).containsExactly(entry(longestKey, "a"), entry("long", longestValue));
        assertThat(parsed.warnings()).containsExactly(
                "query tag '" + "k".repeat(40) + "...' dropped: its key is longer than 128 characters",
                "query tag 'longer' dropped: its value is longer than 128 characters");
    }

    @Test
    void dropsKeysWithOtherCharactersWithAWarning()
    {
        ParsedTags parsed = TagParser.parse("valid-key_1:ok,inv@lid:bad,sp ace,:novalue,ключ:x");

        assertThat(parsed.tags()).containsExactly(entry("valid-key_1", "ok"));
        assertThat(parsed.warnings()).containsExactly(
                "query tag 'inv@lid' dropped: a key may only hold letters, digits, '_' and '-'",
                "query tag 'sp ace' dropped: a key may only hold letters, digits, '_' and '-'",
                "query tag dropped: its key is empty",
                "query tag 'ключ' dropped: a key may only hold letters, digits, '_' and '-'");
    }

    @Test
    void validatesJsonKeysLikePairKeys()
    {
        ParsedTags parsed = TagParser.parse("{\"bad key\":\"x\",\"bell\\u0007\":\"y\",\"good\":\"z\"}");

        assertThat(parsed.tags()).containsExactly(entry("good", "z"));
        assertThat(parsed.warnings()).containsExactly(
                "query tag 'bad key' dropped: a key may only hold letters, digits, '_' and '-'",
                "query tag 'bell?' dropped: a key may only hold letters, digits, '_' and '-'");
    }

    @Test
    void theLastOfRepeatedKeysWinsWithAWarning()
    {
        ParsedTags parsed = TagParser.parse("team:eng,team:ops");

        assertThat(parsed.tags()).containsExactly(entry("team", "ops"));
        assertThat(parsed.warnings()).containsExactly("query tag 'team' is given more than once: the last value is kept");
    }

    @Test
    void blankTextHasNoTags()
    {
        assertThat(TagParser.parse(null)).isEqualTo(new ParsedTags(Map.of(), List.of()));
        assertThat(TagParser.parse("  ").tags()).isEmpty();
        assertThat(TagParser.parse(" , ,").warnings()).isEmpty();
    }

    @Test
    void sessionTagsWinOverDefaultTags()
    {
        Map<String, String> merged = TagParser.merge(
                tags("env", "prod", "cost_center", "701", "batch", null, "team", "eng"),
                tags("env", "staging", "batch", "nightly", "team", null));

        assertThat(merged).containsExactly(
                entry("env", "staging"),
                entry("cost_center", "701"),
                entry("batch", "nightly"),
                entry("team", null));
    }

    @Test
    void checksKeys()
    {
        assertThat(TagParser.isValidKey("a-B_9")).isTrue();
        assertThat(TagParser.isValidKey("k".repeat(128))).isTrue();
        assertThat(TagParser.isValidKey("k".repeat(129))).isFalse();
        assertThat(TagParser.isValidKey("")).isFalse();
        assertThat(TagParser.isValidKey("a.b")).isFalse();
        assertThat(TagParser.isValidKey(null)).isFalse();
    }
}

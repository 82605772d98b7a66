package io.queryflux.core.internal.jdbc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DuckDbTypeParserTest
{
    @Test
    void parsesSimpleTypesWithArguments()
    {
        assertThat(parse("INTEGER")).isEqualTo(DuckDbType.simple("INTEGER"));
        assertThat(parse("DECIMAL(10,2)")).isEqualTo(new DuckDbType("DECIMAL", List.of("10", "2"), List.of()));
        assertThat(parse("DECIMAL(10,2)").intArgument(1, -1)).isEqualTo(2);
        assertThat(parse("ENUM('a', 'it''s')").arguments()).containsExactly("a", "it's");
    }

    @Test
    void parsesMultiWordNames()
    {
        assertThat(parse("TIMESTAMP WITH TIME ZONE")).isEqualTo(DuckDbType.simple("TIMESTAMP WITH TIME ZONE"));
        assertThat(parse("TIME WITH TIME ZONE")).isEqualTo(DuckDbType.simple("TIME WITH TIME ZONE"));
        assertThat(parse("TIMESTAMP WITH TIME ZONE[]").child(0)).isEqualTo(DuckDbType.simple("TIMESTAMP WITH TIME ZONE"));
    }

    @Test
    void parsesListAndArraySuffixesFromTheInside()
    {
        DuckDbType list = parse("INTEGER[]");
        assertThat(list.name()).isEqualTo("LIST");
        assertThat(list.child(0)).isEqualTo(DuckDbType.simple("INTEGER"));

        DuckDbType array = parse("INTEGER[3]");
        assertThat(array.name()).isEqualTo("ARRAY");
        assertThat(array.arguments()).containsExactly("3");

        DuckDbType nested = parse("INTEGER[2][]");
        assertThat(nested.name()).isEqualTo("LIST");
        assertThat(nested.child(0).name()).isEqualTo("ARRAY");
        assertThat(nested.child(0).child(0)).isEqualTo(DuckDbType.simple("INTEGER"));
    }

    @Test
    void parsesMapsAndStructsWithQuotedFieldNames()
    {
        DuckDbType map = parse("MAP(VARCHAR, STRUCT(y INTEGER)[])");
        assertThat(map.name()).isEqualTo("MAP");
        assertThat(map.child(0)).isEqualTo(DuckDbType.simple("VARCHAR"));
        assertThat(map.child(1).name()).isEqualTo("LIST");
        assertThat(map.child(1).child(0).children()).containsExactly(new DuckDbType.Field("y", DuckDbType.simple("INTEGER")));

        DuckDbType struct = parse("STRUCT(\"a\"\"b\" INTEGER, \"c d\" DECIMAL(4,1)[], e ENUM('x', 'y'), t TIMESTAMP WITH TIME ZONE)");
        assertThat(struct.children()).extracting(DuckDbType.Field::name).containsExactly("a\"b", "c d", "e", "t");
        assertThat(struct.child(1).child(0)).isEqualTo(new DuckDbType("DECIMAL", List.of("4", "1"), List.of()));
        assertThat(struct.child(2).arguments()).containsExactly("x", "y");
        assertThat(struct.child(3)).isEqualTo(DuckDbType.simple("TIMESTAMP WITH TIME ZONE"));
    }

    @Test
    void rejectsWhatItCannotRead()
    {
        assertThat(DuckDbTypeParser.parse(null)).isEmpty();
        assertThat(DuckDbTypeParser.parse("")).isEmpty();
        assertThat(DuckDbTypeParser.parse("STRUCT(a")).isEmpty();
        assertThat(DuckDbTypeParser.parse("MAP(VARCHAR)")).isEmpty();
        assertThat(DuckDbTypeParser.parse("INTEGER[")).isEmpty();
        assertThat(DuckDbTypeParser.parse("ENUM('a)")).isEmpty();
        assertThat(DuckDbTypeParser.parse("INTEGER junk")).isEmpty();
    }

    private static DuckDbType parse(String text)
    {
        return DuckDbTypeParser.parse(text).orElseThrow(() -> new AssertionError("cannot parse " + text));
    }
}

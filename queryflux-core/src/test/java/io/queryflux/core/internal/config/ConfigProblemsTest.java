package io.queryflux.core.internal.config;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigProblemsTest
{
    @Test
    void coversThePathAndWhatIsBelowIt()
    {
        ConfigProblems problems = new ConfigProblems();
        problems.add("clusterGroups.a", "must be a map");

        assertThat(problems.covers("clusterGroups.a")).isTrue();
        assertThat(problems.covers("clusterGroups.a.engine")).isTrue();
        assertThat(problems.covers("clusterGroups.a[0]")).isTrue();
        assertThat(problems.covers("clusterGroups.ab")).isFalse();
        assertThat(problems.covers("clusterGroups")).isFalse();
    }

    @Test
    void aProblemWithoutPathCoversNothingElse()
    {
        ConfigProblems problems = new ConfigProblems();
        problems.add("", "Config file x does not exist");

        assertThat(problems.covers("")).isTrue();
        assertThat(problems.covers("routingFallback")).isFalse();
    }

    @Test
    void throwsOneExceptionListingEveryProblem()
    {
        ConfigProblems problems = new ConfigProblems();
        problems.throwIfAny();
        problems.add("a", "is required");
        problems.add("", "something else");

        assertThat(problems.list()).containsExactly("a is required", "something else");
        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessage("Invalid configuration (2 problems):\n  - a is required\n  - something else");
    }
}

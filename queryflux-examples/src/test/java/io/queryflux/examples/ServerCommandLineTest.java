package io.queryflux.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCommandLineTest
{
    @Test
    void noArgumentsRunTheBundledConfigOnTheConfiguredPort()
    {
        assertThat(ServerCommandLine.parse(List.of()))
                .isEqualTo(new ServerCommandLine.Run(new ServerOptions(Optional.empty(), OptionalInt.empty(), "0.0.0.0")));
    }

    @Test
    void everyOptionIsRead()
    {
        assertThat(ServerCommandLine.parse(List.of("--config", "conf/qf.yaml", "--port", "9090", "--host", "127.0.0.1")))
                .isEqualTo(new ServerCommandLine.Run(new ServerOptions(Optional.of(Path.of("conf/qf.yaml")), OptionalInt.of(9090), "127.0.0.1")));
    }

    @Test
    void portZeroPicksAFreePort()
    {
        assertThat(ServerCommandLine.parse(List.of("--port", "0")))
                .isEqualTo(new ServerCommandLine.Run(new ServerOptions(Optional.empty(), OptionalInt.of(0), "0.0.0.0")));
    }

    @Test
    void helpWinsOverOtherOptions()
    {
        assertThat(ServerCommandLine.parse(List.of("--port", "9090", "--help"))).isEqualTo(new ServerCommandLine.Help());
        assertThat(ServerCommandLine.usage()).contains("--config FILE", "--port N", "--host HOST", "--help");
    }

    @Test
    void portMustBeANumberInRange()
    {
        assertThat(ServerCommandLine.parse(List.of("--port", "http")))
                .isEqualTo(new ServerCommandLine.Invalid("Option --port must be a number from 0 to 65535, not 'http'"));
        assertThat(ServerCommandLine.parse(List.of("--port", "65536")))
                .isEqualTo(new ServerCommandLine.Invalid("Option --port must be a number from 0 to 65535, not '65536'"));
        assertThat(ServerCommandLine.parse(List.of("--port", "-1")))
                .isEqualTo(new ServerCommandLine.Invalid("Option --port must be a number from 0 to 65535, not '-1'"));
    }

    @Test
    void optionsNeedValues()
    {
        assertThat(ServerCommandLine.parse(List.of("--config")))
                .isEqualTo(new ServerCommandLine.Invalid("Option --config needs a value"));
        assertThat(ServerCommandLine.parse(List.of("--port", "--host", "localhost")))
                .isEqualTo(new ServerCommandLine.Invalid("Option --port needs a value"));
    }

    @Test
    void unknownOptionsAndArgumentsAreInvalid()
    {
        assertThat(ServerCommandLine.parse(List.of("--verbose")))
                .isEqualTo(new ServerCommandLine.Invalid("Unknown option --verbose"));
        assertThat(ServerCommandLine.parse(List.of("queryflux.yaml")))
                .isEqualTo(new ServerCommandLine.Invalid("Unexpected argument 'queryflux.yaml'"));
    }
}

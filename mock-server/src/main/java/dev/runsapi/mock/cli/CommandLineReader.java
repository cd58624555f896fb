package dev.runsapi.mock.cli;

import dev.runsapi.mock.config.MockSettings;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Reads the command line (and its environment defaults) into settings, help or a usage error. */
public final class CommandLineReader {
  private CommandLineReader() {}

  /** What the command line asks for: settings to run with, or a text to print and stop. */
  public record Invocation(MockSettings settings, String text) {}

  public static Invocation read(String[] args, Map<String, String> env, Map<Object, Object> properties) {
    MockCommand command = new MockCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(env, properties));
    commandLine.getCommandSpec().usageMessage().footer(MockCommand.defectsFooter());
    try {
      commandLine.parseArgs(args);
      if (commandLine.isUsageHelpRequested()) {
        return new Invocation(null, commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
      }
      if (commandLine.isVersionHelpRequested()) {
        return new Invocation(null, String.join(System.lineSeparator(),
            commandLine.getCommandSpec().version()) + System.lineSeparator());
      }
      return new Invocation(command.settings(), null);
    } catch (ParameterException e) {
      throw new UsageException(e.getMessage().lines().findFirst().orElse("bad usage")
          + " (see --help)");
    }
  }

  /** Help text for the README and tests. */
  public static String usage() {
    return read(new String[] {"--help"}, Map.of(), Map.of()).text();
  }
}

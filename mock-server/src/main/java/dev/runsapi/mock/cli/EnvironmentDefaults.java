package dev.runsapi.mock.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every flag be given as a system property {@code runs.mock.<flag>} (as a Spring property
 * would be) or an environment variable {@code RUNS_MOCK_<FLAG>}, in that order; a flag on the
 * command line wins over both. Repeatable flags take comma-separated values there.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  static final String PROPERTY_PREFIX = "runs.mock.";
  static final String ENV_PREFIX = "RUNS_MOCK_";

  private final Map<String, String> env;
  private final Map<Object, Object> properties;

  EnvironmentDefaults(Map<String, String> env, Map<Object, Object> properties) {
    this.env = env;
    this.properties = properties;
  }

  static String propertyName(String flag) {
    return PROPERTY_PREFIX + flag.replaceFirst("^--", "");
  }

  static String envName(String flag) {
    return ENV_PREFIX + flag.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String flag = option.longestName();
    Object property = properties.get(propertyName(flag));
    if (property != null) {
      return property.toString();
    }
    return env.get(envName(flag));
  }
}

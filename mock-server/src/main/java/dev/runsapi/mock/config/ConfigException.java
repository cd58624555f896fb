package dev.runsapi.mock.config;

/**
 * Bad configuration, found before the server starts. The message is one line that names the file,
 * line or value at fault; it is shown as is, without a stack trace.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}

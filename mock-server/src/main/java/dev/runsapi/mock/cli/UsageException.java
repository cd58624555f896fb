package dev.runsapi.mock.cli;

/** A command line that cannot be run; the message is one line for the user. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}

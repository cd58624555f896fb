package dev.runsapi.mock.store;

/**
 * The store cannot answer for now (its database is unreachable, or too slow): the contract's 503,
 * not a 500. The message is for the log; clients get a fixed problem detail.
 */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.runsapi.example;

import dev.runsapi.client.ApiException;
import dev.runsapi.client.api.RunsApi;
import dev.runsapi.client.api.RunsApi.APIListRunsRequest;
import dev.runsapi.client.model.RunsPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * listRuns with a bounded retry: answers the contract marks as transient (429 and 503 with
 * {@code Retry-After}, and 500) are tried again, at most {@code maxAttempts} times in all, waiting
 * what {@code Retry-After} says (capped) or {@code fallbackWait}. Every other error, and the last
 * transient one, reaches the caller as the client's {@link ApiException}.
 */
public final class RetryingRuns {
  /** Waits between attempts; tests pass one that only records. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Set<Integer> TRANSIENT = Set.of(429, 500, 503);

  private final RunsApi api;
  private final int maxAttempts;
  private final Duration fallbackWait;
  private final Duration maxWait;
  private final Sleeper sleeper;
  private final List<Integer> statuses = new ArrayList<>();

  public RetryingRuns(RunsApi api, int maxAttempts, Duration fallbackWait, Duration maxWait,
      Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.api = api;
    this.maxAttempts = maxAttempts;
    this.fallbackWait = fallbackWait;
    this.maxWait = maxWait;
    this.sleeper = sleeper;
  }

  public RunsPage listRuns(APIListRunsRequest request) throws ApiException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        RunsPage page = api.listRuns(request);
        statuses.add(200);
        return page;
      } catch (ApiException e) {
        statuses.add(e.getCode());
        if (!TRANSIENT.contains(e.getCode()) || attempt == maxAttempts) {
          throw e;
        }
        sleeper.sleep(waitFor(e));
      }
    }
  }

  private Duration waitFor(ApiException e) {
    Duration wait = e.getResponseHeaders() == null ? fallbackWait
        : e.getResponseHeaders().firstValue("Retry-After").flatMap(RetryingRuns::seconds)
            .orElse(fallbackWait);
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }

  /** The contract's delay-seconds form; anything else (an HTTP date) falls back. */
  private static Optional<Duration> seconds(String retryAfter) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The status of every attempt so far, in order (200 for a success). */
  public List<Integer> statuses() {
    return List.copyOf(statuses);
  }
}

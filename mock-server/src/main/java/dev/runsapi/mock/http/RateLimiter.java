package dev.runsapi.mock.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perSecond} requests per key in each calendar second. A refused request is told to
 * wait one second: by then a new second has begun, so a request sent after {@code Retry-After} is
 * not refused for the same burst, as the contract promises.
 */
final class RateLimiter {
  private static final int MAX_TRACKED_KEYS = 10_000;

  private final int perSecond;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(long second, int count) {}

  RateLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /** 0 when the request may go on, else the whole seconds to wait. */
  long retryAfterSeconds(String key, long nowMillis) {
    if (perSecond <= 0) {
      return 0;
    }
    long second = nowMillis / 1000;
    if (windows.size() > MAX_TRACKED_KEYS) {
      windows.values().removeIf(w -> w.second() < second);
    }
    Window window =
        windows.compute(
            key,
            (k, old) ->
                old == null || old.second() != second
                    ? new Window(second, 1)
                    : new Window(second, old.count() + 1));
    return window.count() > perSecond ? 1 : 0;
  }
}

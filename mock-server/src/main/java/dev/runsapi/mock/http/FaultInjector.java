package dev.runsapi.mock.http;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --fail-rate}: answers a fraction of otherwise successful requests with 500 or 503, so that
 * consumers can test their retries. The n-th request's fate depends on the seed and n only, so a
 * client that sends the same requests in the same order sees the same failures.
 */
final class FaultInjector {
  private final double rate;
  private final long seed;
  private final AtomicLong requests = new AtomicLong();

  FaultInjector(double rate, long seed) {
    this.rate = rate;
    this.seed = seed;
  }

  /** 0 to answer normally, else the status (500 or 503) to fail with. */
  int nextFailure() {
    if (rate <= 0) {
      return 0;
    }
    SplittableRandom draw = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + requests.getAndIncrement());
    if (draw.nextDouble() >= rate) {
      return 0;
    }
    return draw.nextBoolean() ? 500 : 503;
  }
}

package dev.runsapi.mock.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One run as the store holds it. Timestamps are millisecond instants; {@code endedAt} is null while
 * the run has not ended, and then the duration is null too.
 *
 * @param appId the app the run belongs to
 * @param sequence position in load order; the store's natural order for runs of equal createdAt
 */
public record StoredRun(
    String appId,
    long sequence,
    String id,
    String type,
    String name,
    Instant createdAt,
    Instant endedAt,
    long promptTokens,
    long completionTokens,
    List<String> tags,
    String input,
    String output,
    String error,
    StoredUser user,
    BigDecimal cost) {

  public StoredRun {
    tags = List.copyOf(tags);
    for (int i = 1; i < tags.size(); i++) {
      if (tags.subList(0, i).contains(tags.get(i))) {
        throw new IllegalArgumentException("run " + id + ": tag \"" + tags.get(i) + "\" given twice");
      }
    }
  }

  /** {@code endedAt - createdAt} in milliseconds, or null while the run has not ended. */
  public Long durationMillis() {
    return endedAt == null ? null : endedAt.toEpochMilli() - createdAt.toEpochMilli();
  }
}

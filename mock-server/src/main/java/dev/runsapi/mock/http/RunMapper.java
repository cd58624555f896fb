package dev.runsapi.mock.http;

import dev.runsapi.mock.store.Decimals;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import dev.runsapi.server.model.Run;
import dev.runsapi.server.model.RunType;
import dev.runsapi.server.model.Tokens;
import dev.runsapi.server.model.User;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Stored runs into the generated API model. */
final class RunMapper {
  /** The generated {@code RunType.fromValue} copies {@code values()} on every call. */
  private static final Map<String, RunType> TYPES = new HashMap<>();

  static {
    for (RunType type : RunType.values()) {
      TYPES.put(type.getValue(), type);
    }
  }

  private RunMapper() {}

  static Run toApi(StoredRun run) {
    Instant endedAt = run.endedAt();
    return new Run(
        run.id(),
        TYPES.get(run.type()),
        run.name(),
        utc(run.createdAt()),
        utc(endedAt),
        endedAt == null ? null
            : Decimals.seconds(endedAt.toEpochMilli() - run.createdAt().toEpochMilli()),
        new Tokens(run.promptTokens(), run.completionTokens(),
            run.promptTokens() + run.completionTokens()),
        new DistinctList(run.tags()),
        run.input(),
        run.output(),
        run.error(),
        user(run.user()),
        run.cost());
  }

  private static User user(StoredUser user) {
    if (user == null) {
      return null;
    }
    // the stored props are unmodifiable and only read: no copy per run and answer
    return new User(user.id(), utc(user.createdAt()), utc(user.lastSeen()), user.props());
  }

  /** The instant at UTC, built without {@code ZoneOffset.getRules()}, which allocates per call. */
  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.of(LocalDateTime.ofEpochSecond(
        instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
  }

  /**
   * A run's tags as the {@code Set} the generated model wants, read through the stored list: they
   * are distinct already (the store checks it), so no hash table is built per run and answer.
   */
  static final class DistinctList extends AbstractSet<String> {
    private final List<String> values;

    DistinctList(List<String> values) {
      this.values = values;
    }

    @Override
    public Iterator<String> iterator() {
      return values.iterator();
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public boolean contains(Object o) {
      return values.contains(o);
    }
  }
}

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
import java.util.LinkedHashSet;

/** Stored runs into the generated API model. */
final class RunMapper {
  private RunMapper() {}

  static Run toApi(StoredRun run) {
    Instant endedAt = run.endedAt();
    return new Run(
        run.id(),
        RunType.fromValue(run.type()),
        run.name(),
        utc(run.createdAt()),
        utc(endedAt),
        endedAt == null ? null
            : Decimals.seconds(endedAt.toEpochMilli() - run.createdAt().toEpochMilli()),
        new Tokens(run.promptTokens(), run.completionTokens(),
            run.promptTokens() + run.completionTokens()),
        new LinkedHashSet<>(run.tags()),
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
}

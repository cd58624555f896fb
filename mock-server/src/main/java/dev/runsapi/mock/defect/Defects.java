package dev.runsapi.mock.defect;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The set of defects switched on for one server; immutable. */
public final class Defects {
  private static final Defects NONE = new Defects(EnumSet.noneOf(Defect.class));

  private final Set<Defect> on;

  private Defects(Set<Defect> on) {
    this.on = on;
  }

  public static Defects none() {
    return NONE;
  }

  public static Defects of(Collection<Defect> defects) {
    return defects.isEmpty() ? NONE : new Defects(EnumSet.copyOf(defects));
  }

  public boolean has(Defect defect) {
    return on.contains(defect);
  }

  public boolean isEmpty() {
    return on.isEmpty();
  }

  @Override
  public String toString() {
    return on.stream().map(Defect::cliName).collect(Collectors.joining(","));
  }
}

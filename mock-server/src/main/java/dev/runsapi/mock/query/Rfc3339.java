package dev.runsapi.mock.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 3339 {@code date-time} (section 5.6): a full date, {@code T}, a time with optional fraction
 * of any length, and an offset ({@code Z} or {@code ±hh:mm}). {@code T} and {@code Z} may be lower
 * case, as the RFC allows. A leap second ({@code :60}) is valid only where the IERS inserted one
 * (RFC 3339 section 5.7, the contract's {@code start_time}); it orders after every instant of
 * 23:59:59 UTC and before the next midnight. Anything else is rejected.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  /** The UTC days at whose end a leap second was inserted (IERS Bulletin C; none since 2016). */
  static final Set<LocalDate> LEAP_SECOND_DAYS =
      Set.of("1972-06-30", "1972-12-31", "1973-12-31", "1974-12-31", "1975-12-31", "1976-12-31",
              "1977-12-31", "1978-12-31", "1979-12-31", "1981-06-30", "1982-06-30", "1983-06-30",
              "1985-06-30", "1987-12-31", "1989-12-31", "1990-12-31", "1992-06-30", "1993-06-30",
              "1994-06-30", "1995-12-31", "1997-06-30", "1998-12-31", "2005-12-31", "2008-12-31",
              "2012-06-30", "2015-06-30", "2016-12-31")
          .stream().map(LocalDate::parse).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * An instant given with arbitrary precision: whole seconds since the epoch and the digits of the
   * fraction as written, and the same rounded down and up to the nanosecond. A leap second has
   * {@code leap} set and the epoch second of the 23:59:59 it follows; on the nanosecond timeline it
   * lies between that second's last nanosecond (floor) and the next midnight (ceiling).
   */
  public record ExactInstant(long epochSecond, String fraction, boolean leap, Instant floor,
      Instant ceiling) implements Comparable<ExactInstant> {
    /** The instant exactly, in seconds since the epoch (a leap second: its 23:59:59 plus the fraction). */
    public BigDecimal exact() {
      return fraction.isEmpty()
          ? BigDecimal.valueOf(epochSecond)
          : BigDecimal.valueOf(epochSecond).add(new BigDecimal("0." + fraction));
    }

    /** The exact order of instants, a leap second after all of the second it follows. */
    @Override
    public int compareTo(ExactInstant other) {
      int bySecond = Long.compare(epochSecond, other.epochSecond);
      if (bySecond != 0) {
        return bySecond;
      }
      if (leap != other.leap) {
        return leap ? 1 : -1;
      }
      return exact().compareTo(other.exact());
    }
  }

  /** Reads a date-time as the contract does (a leap second only where one was inserted). */
  public static Optional<ExactInstant> parse(String text) {
    return parse(text, false);
  }

  /**
   * Reads {@code yyyy-MM-ddTHH:mm:ss[.f+](Z|±hh:mm)} by hand rather than with a regular expression:
   * data files hold two or four timestamps per run, and a million runs load at start-up.
   */
  public static Optional<ExactInstant> parse(String text, boolean anyLeapSecondIsNextMinute) {
    int n = text.length();
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
        || text.charAt(16) != ':' || (text.charAt(10) != 'T' && text.charAt(10) != 't')) {
      return Optional.empty();
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return Optional.empty();
    }
    int i = 19;
    int fractionStart = i;
    if (text.charAt(i) == '.') {
      fractionStart = ++i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == fractionStart) {
        return Optional.empty();
      }
    }
    String fraction = text.substring(fractionStart, text.charAt(19) == '.' ? i : fractionStart);
    long offsetSeconds;
    if (i == n - 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
      offsetSeconds = 0;
    } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-')
        && text.charAt(i + 3) == ':') {
      int hh = digits(text, i + 1, 2);
      int mm = digits(text, i + 4, 2);
      if (hh < 0 || mm < 0 || hh > 23 || mm > 59) {
        return Optional.empty();
      }
      offsetSeconds = (hh * 3600L + mm * 60L) * (text.charAt(i) == '-' ? -1 : 1);
    } else {
      return Optional.empty();
    }
    if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23
        || minute > 59 || second > 60) {
      return Optional.empty();
    }
    boolean leap = second == 60 && !anyLeapSecondIsNextMinute;
    // with the defect leap-second-next-minute, any :60 is the first instant of the next minute
    long epochSecond = epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L
        + (leap ? 59 : second) - offsetSeconds;
    if (leap && (Math.floorMod(epochSecond, 86_400) != 86_399
        || !LEAP_SECOND_DAYS.contains(LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400))))) {
      return Optional.empty();
    }
    if (leap) {
      return Optional.of(new ExactInstant(epochSecond, fraction, true,
          Instant.ofEpochSecond(epochSecond, 999_999_999), Instant.ofEpochSecond(epochSecond + 1)));
    }
    int nanos = 0;
    for (int k = 0; k < 9; k++) {
      nanos = nanos * 10 + (k < fraction.length() ? fraction.charAt(k) - '0' : 0);
    }
    boolean finer = false;
    for (int k = 9; k < fraction.length(); k++) {
      finer |= fraction.charAt(k) != '0';
    }
    Instant floor = Instant.ofEpochSecond(epochSecond, nanos);
    Instant ceiling = finer ? floor.plusNanos(1) : floor;
    return Optional.of(new ExactInstant(epochSecond, fraction, false, floor, ceiling));
  }

  private static final long FIRST_FORMATTED_SECOND = epochDay(0, 1, 1) * 86_400;
  private static final long FIRST_UNFORMATTED_SECOND = (epochDay(9999, 12, 31) + 1) * 86_400;

  /**
   * Writes the instant in UTC as {@code yyyy-MM-ddTHH:mm:ss.fZ} into {@code text} from index 0,
   * with {@code fractionDigits} digits of the fraction (rounded down; no dot when 0), and returns
   * the length written; for years outside 0 to 9999 writes nothing and returns -1. By hand rather
   * than with a {@code DateTimeFormatter}, which was a quarter of the cost of an answer (a page
   * holds up to 4,000 timestamps) and a third of the cost of copying runs into PostgreSQL.
   */
  public static int formatUtc(Instant instant, int fractionDigits, char[] text) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_FORMATTED_SECOND || seconds >= FIRST_UNFORMATTED_SECOND) {
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    put(text, 0, date.getYear(), 4);
    text[4] = '-';
    put(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    int at = 19;
    if (fractionDigits > 0) {
      text[at++] = '.';
      int fraction = instant.getNano();
      for (int i = fractionDigits; i < 9; i++) {
        fraction /= 10;
      }
      put(text, at, fraction, fractionDigits);
      at += fractionDigits;
    }
    text[at++] = 'Z';
    return at;
  }

  private static void put(char[] text, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static boolean isLeap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days from 1970-01-01 to the date (proleptic Gregorian, year 0 to 9999), as LocalDate counts. */
  private static long epochDay(int year, int month, int day) {
    long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    total += (367L * month - 362) / 12 + day - 1;
    if (month > 2) {
      total -= isLeap(year) ? 1 : 2;
    }
    return total - 719_528; // days from 0000-01-01 to 1970-01-01
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The ASCII digits at {@code text[from, from + count)} as a number, or -1 if any is not one. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int k = from; k < from + count; k++) {
      char c = text.charAt(k);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}

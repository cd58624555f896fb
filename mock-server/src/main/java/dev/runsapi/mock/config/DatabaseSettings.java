package dev.runsapi.mock.config;

/**
 * Where the PostgreSQL store lives ({@code --db-url}, {@code --db-user}, {@code --db-password}).
 * The password never appears in a message.
 *
 * @param url a {@code jdbc:postgresql://} URL
 * @param user null for the driver's default (or the one in the URL)
 * @param password null for none
 */
public record DatabaseSettings(String url, String user, String password) {

  /** The URL without its query part, which may hold a password: safe for messages. */
  public String safeUrl() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + safeUrl() + ", user=" + user + "]";
  }
}

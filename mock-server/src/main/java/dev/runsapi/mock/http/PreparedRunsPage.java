package dev.runsapi.mock.http;

import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.server.model.Run;
import dev.runsapi.server.model.RunsPage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;

/**
 * A {@link RunsPage} whose runs are already JSON: {@link PreparedRunsPageConverter} writes it as
 * those bytes, {@code {"data":[run,run,...],"total":T,"page":P,"limit":L}}, which is what Jackson
 * writes for the same page (the generated model's property order, no nulls among them, no spaces).
 * Read as a model, it is the plain page: {@link #getData()} maps the runs one by one.
 */
final class PreparedRunsPage extends RunsPage {
  private static final byte[] HEAD = "{\"data\":[".getBytes(StandardCharsets.US_ASCII);
  static final int ONE_PIECE = 1 << 20;

  private final byte[][] runs;
  private final byte[] tail;
  private final long length;

  PreparedRunsPage(List<StoredRun> stored, RunJsonCache json, long total, int page, int limit) {
    super(new ModelView(stored), total, page, limit);
    this.runs = new byte[stored.size()][];
    long bytes = HEAD.length + Math.max(0, runs.length - 1);
    for (int i = 0; i < runs.length; i++) {
      runs[i] = json.json(stored.get(i));
      bytes += runs[i].length;
    }
    this.tail = ("],\"total\":" + total + ",\"page\":" + page + ",\"limit\":" + limit + "}")
        .getBytes(StandardCharsets.US_ASCII);
    this.length = bytes + tail.length;
  }

  /** The length of what {@link #writeTo} writes. */
  long length() {
    return length;
  }

  /**
   * Writes the page, in one piece up to {@link #ONE_PIECE} bytes: a servlet stream takes one array
   * of 25 KB for less than fifty small writes through its buffer. Larger pages (long texts) go run
   * by run, so that no second copy of them is made.
   */
  void writeTo(OutputStream out) throws IOException {
    if (length > ONE_PIECE) {
      out.write(HEAD);
      for (int i = 0; i < runs.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(runs[i]);
      }
      out.write(tail);
      return;
    }
    byte[] all = new byte[(int) length];
    System.arraycopy(HEAD, 0, all, 0, HEAD.length);
    int at = HEAD.length;
    for (int i = 0; i < runs.length; i++) {
      if (i > 0) {
        all[at++] = ',';
      }
      System.arraycopy(runs[i], 0, all, at, runs[i].length);
      at += runs[i].length;
    }
    System.arraycopy(tail, 0, all, at, tail.length);
    out.write(all);
  }

  /** The runs as the generated model, made only if someone reads them so. */
  private static final class ModelView extends AbstractList<Run> {
    private final List<StoredRun> stored;

    ModelView(List<StoredRun> stored) {
      this.stored = stored;
    }

    @Override
    public Run get(int index) {
      return RunMapper.toApi(stored.get(index));
    }

    @Override
    public int size() {
      return stored.size();
    }
  }
}
